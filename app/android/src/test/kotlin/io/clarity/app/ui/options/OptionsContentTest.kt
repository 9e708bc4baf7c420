package io.clarity.app.ui.options

import android.net.Uri
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.ModelInfo
import io.clarity.app.ui.theme.ClarityTheme
import io.clarity.app.work.EnhanceRequest
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith

@RunWith(AndroidJUnit4::class)
class OptionsContentTest {
    @get:Rule
    val compose = createComposeRule()

    private fun state(refusal: OptionsUiState.Refusal, photos: Int = 1) = OptionsUiState(
        List(photos) { Uri.parse("content://media/$it") }, false, 4000, 3000,
        listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), ModelInfo.Kind.DETAIL, listOf(2, 4), 2,
        EnhanceRequest.Format.JPEG, 92, "beach-clarity", 83_000, refusal,
    )

    @Test
    fun showsSizeAndTimeUpFrontAndStarts() {
        var starts = 0
        var kind: ModelInfo.Kind? = null
        compose.setContent {
            ClarityTheme {
                OptionsContent(state(OptionsUiState.Refusal.NONE, photos = 2), onKind = { kind = it }, onScale = {},
                    onFormat = {}, onQuality = {}, onFileName = {}, onStart = { starts++ }, onBack = {})
            }
        }
        compose.onNodeWithText("4000 × 3000 → 8000 × 6000 px").performScrollTo().assertIsDisplayed()
        compose.onNodeWithText("About 01:23").performScrollTo().assertIsDisplayed()
        compose.onNodeWithText("Fast").performScrollTo().performClick()
        assertEquals(ModelInfo.Kind.FAST, kind)
        compose.onNodeWithText("Enhance 2 photos").performScrollTo().performClick()
        assertEquals(1, starts)
    }

    @Test
    fun refusalIsExplainedAndStartDisabled() {
        compose.setContent {
            ClarityTheme {
                OptionsContent(state(OptionsUiState.Refusal.JPEG_TOO_LARGE), onKind = {}, onScale = {}, onFormat = {},
                    onQuality = {}, onFileName = {}, onStart = {}, onBack = {})
            }
        }
        compose.onNodeWithText("JPEG holds at most 65535 px a side", substring = true).performScrollTo().assertIsDisplayed()
        compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().assertIsNotEnabled()
    }
}

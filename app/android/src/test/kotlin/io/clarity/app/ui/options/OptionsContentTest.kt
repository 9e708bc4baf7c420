package io.clarity.app.ui.options

import android.net.Uri
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.SemanticsMatcher
import androidx.compose.ui.test.assert
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performSemanticsAction
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

    private fun state(refusal: OptionsUiState.Refusal, photos: Int = 1, adjustable: Boolean = false) = OptionsUiState(
        List(photos) { Uri.parse("content://media/$it") }, false, 4000, 3000,
        listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), ModelInfo.Kind.DETAIL, listOf(2, 4), 2,
        adjustable, 0.5f, EnhanceRequest.Format.JPEG, 92, "beach-clarity", 83_000, refusal,
    )

    @Test
    fun showsSizeAndTimeUpFrontAndStarts() {
        var starts = 0
        var kind: ModelInfo.Kind? = null
        compose.setContent {
            ClarityTheme {
                OptionsContent(state(OptionsUiState.Refusal.NONE, photos = 2), onKind = { kind = it }, onScale = {},
                    onDetailStrength = {}, onFormat = {}, onQuality = {}, onFileName = {}, onStart = { starts++ }, onBack = {})
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
                OptionsContent(state(OptionsUiState.Refusal.JPEG_TOO_LARGE), onKind = {}, onScale = {}, onDetailStrength = {}, onFormat = {},
                    onQuality = {}, onFileName = {}, onStart = {}, onBack = {})
            }
        }
        compose.onNodeWithText("JPEG holds at most 65535 px a side", substring = true).performScrollTo().assertIsDisplayed()
        compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().assertIsNotEnabled()
    }

    @Test
    fun detailStrengthSliderIsShownOnlyForAnAdjustableModelAndReportsMoves() {
        var adjustable by mutableStateOf(false)
        val moves = mutableListOf<Float>()
        compose.setContent {
            ClarityTheme {
                OptionsContent(state(OptionsUiState.Refusal.NONE, adjustable = adjustable), onKind = {}, onScale = {},
                    onDetailStrength = { moves.add(it) }, onFormat = {}, onQuality = {}, onFileName = {}, onStart = {},
                    onBack = {})
            }
        }
        compose.onNodeWithContentDescription("Detail strength").assertDoesNotExist()
        compose.onNodeWithText("Natural").assertDoesNotExist()

        adjustable = true
        compose.onNodeWithContentDescription("Detail strength").performScrollTo().assertIsDisplayed()
            .assert(SemanticsMatcher.expectValue(SemanticsProperties.StateDescription, "50% toward crisp"))
            .performSemanticsAction(SemanticsActions.SetProgress) { it(0.8f) }
        compose.onNodeWithText("Natural").assertExists()
        compose.onNodeWithText("Crisp").assertExists()
        assertEquals(1, moves.size)
        assertEquals(0.8f, moves[0], 1e-6f)
    }
}

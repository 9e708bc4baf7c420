package io.clarity.app.ui.options

import android.net.Uri
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.ModelInfo
import io.clarity.app.platform.RegionDecodableFormats
import io.clarity.app.ui.theme.ClarityTheme
import io.clarity.app.work.EnhanceRequest
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.annotation.Config

/** A photo the job cannot decode is refused on the options screen, with the reason in words. */
@RunWith(AndroidJUnit4::class)
class OptionsRefusalTest {
    @get:Rule
    val compose = createComposeRule()

    private fun show(format: RegionDecodableFormats.Format) {
        val state = OptionsUiState(
            listOf(Uri.parse("content://media/1")), false, 400, 300, listOf(ModelInfo.Kind.FAST), ModelInfo.Kind.FAST,
            listOf(2), 2, false, 0.5f, EnhanceRequest.Format.JPEG, 95, "party-clarity", -1, OptionsUiState.Refusal.NONE,
        ).withUnsupportedFormat(format)
        compose.setContent {
            ClarityTheme(dynamicColor = false) {
                OptionsContent(state, onKind = {}, onScale = {}, onDetailStrength = {}, onFormat = {}, onQuality = {}, onFileName = {}, onStart = {}, onBack = {})
            }
        }
    }

    @Test
    fun aGifIsRefusedWithItsFormatAndWhatWorksInstead() {
        show(RegionDecodableFormats.Format.GIF)
        compose.onNodeWithText("GIF files cannot be enhanced", substring = true).performScrollTo()
        compose.onNodeWithText("Clarity reads JPEG, PNG and WebP photos", substring = true).performScrollTo()
        compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().assertIsNotEnabled()
    }

    @Test
    fun aHeifBeforeAndroid9SaysWhy() {
        show(RegionDecodableFormats.Format.HEIF)
        compose.onNodeWithText("HEIF photos can be enhanced from Android 9", substring = true).performScrollTo()
    }

    @Test
    @Config(qualifiers = "vi")
    fun theReasonIsInVietnameseToo() {
        show(RegionDecodableFormats.Format.TIFF_RAW)
        compose.onNodeWithText("Không thể làm nét tệp Raw (DNG, TIFF)", substring = true).performScrollTo()
    }
}

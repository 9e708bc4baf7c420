package io.clarity.app.ui.result

import android.net.Uri
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.JobStatus
import io.clarity.app.ui.theme.ClarityTheme
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import java.util.UUID

@RunWith(AndroidJUnit4::class)
class ResultContentTest {
    @get:Rule
    val compose = createComposeRule()

    private val id = UUID.randomUUID()

    private fun job(state: JobStatus.State, done: Int = 0, total: Int = 0, output: Uri? = null) =
        JobStatus(id, "dunes-clarity.jpg", state, done, total, 65_000, null, output, 800, 600, "GPU", 41.7, null, null)

    @Test
    fun runningJobShowsTilesTimeLeftAndCancels() {
        var cancels = 0
        compose.setContent {
            ClarityTheme {
                ResultContent(
                    ResultUiState(job(JobStatus.State.RUNNING, 3, 12), null, null, "", "image/jpeg", 0.5f, ResultUiState.Notice.NONE),
                    onSplitChange = {}, onShare = {}, onSave = {}, onCancel = { cancels++ }, onNoticeShown = {}, onBack = {},
                )
            }
        }
        compose.onNodeWithText("3 of 12 tiles").assertIsDisplayed()
        compose.onNodeWithText("01:05 left").assertIsDisplayed()
        compose.onNodeWithText("Cancel").performClick()
        assertEquals(1, cancels)
    }

    @Test
    fun finishedJobOffersSaveAndShareAndSaysWhatRan() {
        var shares = 0
        var saves = 0
        val out = Uri.parse("content://media/external/images/media/9")
        compose.setContent {
            ClarityTheme {
                ResultContent(
                    ResultUiState(job(JobStatus.State.DONE, output = out), null, out, "a.jpg", "image/jpeg", 0.5f, ResultUiState.Notice.NONE),
                    onSplitChange = {}, onShare = { shares++ }, onSave = { saves++ }, onCancel = {}, onNoticeShown = {}, onBack = {},
                )
            }
        }
        compose.onNodeWithText("800 × 600 px").assertIsDisplayed()
        compose.onNodeWithText("GPU · 42 ms per tile").assertIsDisplayed()
        compose.onNodeWithText("Share").performClick()
        compose.onNodeWithText("Save a copy").performClick()
        assertEquals(1, shares)
        assertEquals(1, saves)
    }
}

package io.clarity.app.ui.home

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.JobStatus
import io.clarity.app.ui.theme.ClarityTheme
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import java.util.UUID

@RunWith(AndroidJUnit4::class)
class HomeContentTest {
    @get:Rule
    val compose = createComposeRule()

    @Test
    fun showsBothActionsAndReportsClicks() {
        var picks = 0
        var captures = 0
        compose.setContent {
            ClarityTheme {
                HomeContent(HomeUiState.initial(), onPickPhotos = { picks++ }, onTakePhoto = { captures++ })
            }
        }
        compose.onNodeWithText("Clarity").assertIsDisplayed()
        compose.onNodeWithText("Pick photos").performClick()
        compose.onNodeWithText("Take photo").performClick()
        assertEquals(1, picks)
        assertEquals(1, captures)
        compose.onNodeWithText("Enhanced photos appear here.").assertIsDisplayed()
    }

    @Test
    fun runningJobShowsProgressAndCancels() {
        val id = UUID.randomUUID()
        var cancelled: UUID? = null
        val job = JobStatus(id, "dunes-clarity.jpg", JobStatus.State.RUNNING, 5, 20, 30_000, null, null, 0, 0, null, 0.0, null, null)
        compose.setContent {
            ClarityTheme {
                HomeContent(HomeUiState(listOf(job), emptyList()), onPickPhotos = {}, onTakePhoto = {},
                    onCancelJob = { cancelled = it })
            }
        }
        compose.onNodeWithText("5 of 20 tiles").assertIsDisplayed()
        compose.onNodeWithText("00:30 left").assertIsDisplayed()
        compose.onNodeWithText("Cancel").performScrollTo().performClick()
        assertEquals(id, cancelled)
    }

    @Test
    fun failedJobStaysListedWithItsReasonUntilDismissedAndCanBeRetried() {
        val id = UUID.randomUUID()
        var retried: UUID? = null
        var dismissed: UUID? = null
        val job = JobStatus(id, "broken.jpg", JobStatus.State.FAILED, 0, 0, -1, null, null, 0, 0, null, 0.0,
            "The photo could not be decoded.", null)
        compose.setContent {
            ClarityTheme {
                HomeContent(HomeUiState(listOf(job), emptyList()), onPickPhotos = {}, onTakePhoto = {},
                    onRetryJob = { retried = it }, onDismissJob = { dismissed = it })
            }
        }
        compose.onNodeWithText("broken.jpg").assertIsDisplayed()
        compose.onNodeWithText("Failed: The photo could not be decoded.").assertIsDisplayed()
        compose.onNodeWithText("Retry").performScrollTo().performClick()
        compose.onNodeWithText("Dismiss").performScrollTo().performClick()
        assertEquals(id, retried)
        assertEquals(id, dismissed)
    }
}

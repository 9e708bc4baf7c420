package io.clarity.app

import android.content.Intent
import android.net.Uri
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.createEmptyComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.test.core.app.ActivityScenario
import androidx.test.core.app.ApplicationProvider
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.work.testing.WorkManagerTestInitHelper
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith

/** Clarity opened from another app's share sheet goes straight to the options for what was shared. */
@RunWith(AndroidJUnit4::class)
class SharedIntentTest {
    @get:Rule
    val compose = createEmptyComposeRule()

    private val context = ApplicationProvider.getApplicationContext<android.content.Context>()

    @Before
    fun workManager() {
        WorkManagerTestInitHelper.initializeTestWorkManager(context)
    }

    @Test
    fun sendOpensOptionsForOnePhoto() {
        val send = Intent(Intent.ACTION_SEND).setClass(context, MainActivity::class.java)
            .setType("image/jpeg").putExtra(Intent.EXTRA_STREAM, Uri.parse("content://gallery/1"))
        ActivityScenario.launch<MainActivity>(send).use {
            compose.onNodeWithText("File name").assertExists()
            compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().assertExists()
        }
    }

    @Test
    fun sendMultipleOpensOptionsForAll() {
        val send = Intent(Intent.ACTION_SEND_MULTIPLE).setClass(context, MainActivity::class.java).setType("image/*")
            .putParcelableArrayListExtra(
                Intent.EXTRA_STREAM,
                arrayListOf(Uri.parse("content://gallery/1"), Uri.parse("content://gallery/2"), Uri.parse("content://gallery/3")),
            )
        ActivityScenario.launch<MainActivity>(send).use {
            compose.onNodeWithText("Enhance 3 photos").performScrollTo().assertExists()
        }
    }

    @Test
    fun tappingAJobsNotificationOpensThatJob() {
        val jobs = (context as ClarityApplication).jobs()
        val id = jobs.enqueue(io.clarity.app.work.EnhanceRequest(Uri.parse("content://gallery/1"), "fast-x2",
            io.clarity.app.work.EnhanceRequest.Format.JPEG, 90, "harbour-clarity", 0f))
        // What the progress notification's tap sends (EnhanceNotifications builds it the same way).
        val open = Intent(Intent.ACTION_VIEW).setClass(context, MainActivity::class.java)
            .putExtra(io.clarity.app.work.EnhanceNotifications.EXTRA_JOB, id.toString())
        ActivityScenario.launch<MainActivity>(open).use {
            compose.onNodeWithText("Before and after").assertExists()
        }
    }
}

package io.clarity.app

import android.Manifest
import android.app.Activity
import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.graphics.Bitmap
import android.graphics.Color
import android.net.Uri
import android.provider.MediaStore
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.createEmptyComposeRule
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.test.core.app.ActivityScenario
import androidx.test.core.app.ApplicationProvider
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.work.Configuration
import androidx.work.WorkManager
import androidx.work.testing.WorkManagerTestInitHelper
import io.clarity.app.work.EnhanceScheduler
import io.clarity.app.work.EnhanceWorkerFactory
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.GraphicsMode
import java.io.File
import java.io.FileOutputStream

/** The whole front half of the flow in the real activity: pick a photo, see its options, start, job queued. */
@RunWith(AndroidJUnit4::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class PickToJobTest {
    @get:Rule
    val compose = createEmptyComposeRule()

    private val context = ApplicationProvider.getApplicationContext<Context>()

    @Before
    fun workManagerThatQueuesButNeverRuns() {
        WorkManagerTestInitHelper.initializeTestWorkManager(
            context,
            Configuration.Builder()
                .setExecutor { }
                .setWorkerFactory(EnhanceWorkerFactory { _, _, _ -> throw java.io.IOException("never runs") })
                .build(),
        )
        shadowOf(context as android.app.Application).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
    }

    private fun photo(): Uri {
        val bitmap = Bitmap.createBitmap(300, 200, Bitmap.Config.ARGB_8888).apply { eraseColor(Color.rgb(90, 140, 200)) }
        val file = File(context.cacheDir, "harbour.png")
        FileOutputStream(file).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
        return Uri.fromFile(file)
    }

    @Test
    fun pickedPhotoGoesThroughOptionsIntoTheQueue() {
        val photo = photo()
        ActivityScenario.launch(MainActivity::class.java).use { scenario ->
            compose.onNodeWithText("Pick photos").performClick()
            scenario.onActivity { activity ->
                val picker = shadowOf(activity).nextStartedActivityForResult
                assertEquals(MediaStore.ACTION_PICK_IMAGES, picker.intent.action)
                val result = Intent().apply {
                    data = photo
                    clipData = ClipData.newRawUri(null, photo)
                }
                shadowOf(activity).receiveResult(picker.intent, Activity.RESULT_OK, result)
            }
            // The size is read off the main thread; the bundled Fast models are offered.
            compose.waitUntil(5_000) {
                compose.onAllNodesWithText("300 × 200 →", substring = true).fetchSemanticsNodes().isNotEmpty()
            }
            compose.onNodeWithText("Fast").assertExists()
            compose.onNodeWithText("harbour-clarity").assertExists()
            compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().performClick()
            compose.waitForIdle()

            val queue = WorkManager.getInstance(context).getWorkInfosForUniqueWork(EnhanceScheduler.QUEUE).get()
            assertEquals(1, queue.size)
            assertTrue(queue[0].tags.contains(EnhanceScheduler.TAG))
            // ...and the screen follows the job.
            compose.onNodeWithText("Before and after").assertExists()
        }
    }

    private fun androidx.compose.ui.test.SemanticsNodeInteraction.assertExists() = assertExists()
}

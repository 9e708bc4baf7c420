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
import androidx.compose.ui.test.performTextReplacement
import androidx.test.core.app.ActivityScenario
import androidx.test.core.app.ApplicationProvider
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.work.Configuration
import androidx.work.WorkManager
import androidx.work.testing.WorkManagerTestInitHelper
import io.clarity.app.data.JobStatus
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
                .setWorkerFactory(EnhanceWorkerFactory((context as ClarityApplication).jobs()) { _, _, _, _ ->
                    throw java.io.IOException("never runs")
                })
                .build(),
        )
        shadowOf(context as android.app.Application).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
    }

    private fun photo(name: String): Uri {
        val bitmap = Bitmap.createBitmap(300, 200, Bitmap.Config.ARGB_8888).apply { eraseColor(Color.rgb(90, 140, 200)) }
        val file = File(context.cacheDir, name)
        FileOutputStream(file).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
        return Uri.fromFile(file)
    }

    private fun pick(scenario: ActivityScenario<MainActivity>, photo: Uri) {
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
    }

    @Test
    fun pickedPhotoGoesThroughOptionsIntoTheQueue() {
        val photo = photo("harbour.png")
        ActivityScenario.launch(MainActivity::class.java).use { scenario ->
            pick(scenario, photo)
            // The size is read off the main thread; the bundled Fast models are offered.
            compose.waitUntil(5_000) {
                compose.onAllNodesWithText("300 × 200 →", substring = true).fetchSemanticsNodes().isNotEmpty()
            }
            compose.onNodeWithText("Fast").assertExists()
            compose.onNodeWithText("harbour-clarity").assertExists()
            compose.onNode(hasText("Enhance") and hasClickAction()).performScrollTo().performClick()
            compose.waitForIdle()

            // The photo is copied off the main thread, then listed as queued.
            val jobs = (context as ClarityApplication).jobs().jobs()
            compose.waitUntil(5_000) { jobs.value?.firstOrNull()?.state == JobStatus.State.QUEUED }
            assertEquals("harbour-clarity.jpg", jobs.value!!.single().displayName)
            // ...and the screen follows the job.
            compose.onNodeWithText("Before and after").assertExists()
        }
    }

    /** Drill 9, second half: a second batch starts from the defaults, not from the first batch's choices. */
    @Test
    fun aSecondBatchStartsFromFreshDefaults() {
        ActivityScenario.launch(MainActivity::class.java).use { scenario ->
            pick(scenario, photo("harbour.png"))
            compose.waitUntil(5_000) { compose.onAllNodesWithText("harbour-clarity").fetchSemanticsNodes().isNotEmpty() }
            compose.onNodeWithText("harbour-clarity").performTextReplacement("my-print")
            compose.onNodeWithText("my-print").assertExists()
            scenario.onActivity { it.onBackPressedDispatcher.onBackPressed() }
            compose.waitForIdle()

            pick(scenario, photo("dunes.png"))
            compose.waitUntil(5_000) { compose.onAllNodesWithText("dunes-clarity").fetchSemanticsNodes().isNotEmpty() }
            assertTrue(compose.onAllNodesWithText("my-print").fetchSemanticsNodes().isEmpty())
        }
    }

    private fun androidx.compose.ui.test.SemanticsNodeInteraction.assertExists() = assertExists()
}

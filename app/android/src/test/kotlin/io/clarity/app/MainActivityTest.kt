package io.clarity.app

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.provider.MediaStore
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.createAndroidComposeRule
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.test.core.app.ApplicationProvider
import androidx.test.espresso.Espresso.onView
import androidx.test.espresso.assertion.ViewAssertions.matches
import androidx.test.espresso.matcher.ViewMatchers.isDisplayed
import androidx.test.espresso.matcher.ViewMatchers.withClassName
import androidx.test.ext.junit.runners.AndroidJUnit4
import androidx.work.testing.WorkManagerTestInitHelper
import org.hamcrest.Matchers.equalTo
import org.junit.Assert.assertEquals
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf

/** Launches the real activity (Robolectric, API 36). */
@RunWith(AndroidJUnit4::class)
class MainActivityTest {
    @get:Rule
    val compose = createAndroidComposeRule<MainActivity>()

    @Before
    fun workManager() {
        WorkManagerTestInitHelper.initializeTestWorkManager(ApplicationProvider.getApplicationContext())
    }

    @Test
    fun launchesIntoComposeContent() {
        // Espresso sees the single Compose host view; Compose sees what is inside it.
        onView(withClassName(equalTo("androidx.compose.ui.platform.ComposeView"))).check(matches(isDisplayed()))
        compose.onNodeWithText("Pick photos").assertExists()
    }

    private fun pickOnePhoto() {
        compose.onNodeWithText("Pick photos").performClick()
        val started = shadowOf(compose.activity).nextStartedActivityForResult
        // API 33+ has the system photo picker; the contract uses OPEN_DOCUMENT before that.
        assertEquals(MediaStore.ACTION_PICK_IMAGES, started.intent.action)
        val picked = Intent().apply {
            clipData = android.content.ClipData.newRawUri(null, Uri.parse("content://media/picker/0/1"))
            data = Uri.parse("content://media/picker/0/1")
        }
        shadowOf(compose.activity).receiveResult(started.intent, Activity.RESULT_OK, picked)
        compose.waitForIdle()
    }

    @Test
    fun pickedPhotosOpenTheOptions() {
        pickOnePhoto()
        compose.onNodeWithText("File name").assertExists()
        // The bundled models (ml-models/models, copied into the assets at build time) are on offer...
        compose.onNodeWithText("Fast").assertExists()
        // ...and a picked file that cannot be read is refused with the reason, not started.
        compose.waitUntil(5_000) {
            compose.onAllNodesWithText("This file cannot be read as a photo.").fetchSemanticsNodes().isNotEmpty()
        }
        compose.onNode(hasText("Enhance") and hasClickAction()).assertIsNotEnabled()
    }

    @Test
    fun takePhotoAsksTheSystemCameraToWriteIntoOurFileProvider() {
        compose.onNodeWithText("Take photo").performClick()
        val started = shadowOf(compose.activity).nextStartedActivityForResult
        assertEquals(MediaStore.ACTION_IMAGE_CAPTURE, started.intent.action)
        val output = started.intent.getParcelableExtra(MediaStore.EXTRA_OUTPUT, Uri::class.java)!!
        assertEquals("io.clarity.app.files", output.authority)
    }

    @Test
    fun backFromOptionsReturnsHome() {
        pickOnePhoto()
        compose.onNodeWithText("File name").assertExists()
        compose.activity.onBackPressedDispatcher.onBackPressed()
        compose.waitForIdle()
        compose.onNodeWithText("Pick photos").assertExists()
    }
}

package io.clarity.app

import android.provider.MediaStore
import androidx.compose.ui.test.junit4.createAndroidComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.test.espresso.Espresso.onView
import androidx.test.espresso.assertion.ViewAssertions.matches
import androidx.test.espresso.matcher.ViewMatchers.isDisplayed
import androidx.test.espresso.matcher.ViewMatchers.withClassName
import androidx.test.ext.junit.runners.AndroidJUnit4
import org.hamcrest.Matchers.equalTo
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Shadows.shadowOf

/** Launches the real activity (Robolectric, API 36). */
@RunWith(AndroidJUnit4::class)
class MainActivityTest {
    @get:Rule
    val compose = createAndroidComposeRule<MainActivity>()

    @Test
    fun launchesIntoComposeContent() {
        // Espresso sees the single Compose host view; Compose sees what is inside it.
        onView(withClassName(equalTo("androidx.compose.ui.platform.ComposeView"))).check(matches(isDisplayed()))
        compose.onNodeWithText("Pick photos").assertExists()
    }

    @Test
    fun pickPhotosOpensTheSystemPhotoPicker() {
        compose.onNodeWithText("Pick photos").performClick()
        val started = shadowOf(compose.activity).nextStartedActivityForResult
        // API 33+ has the system photo picker; the contract uses OPEN_DOCUMENT before that.
        assertEquals(MediaStore.ACTION_PICK_IMAGES, started.intent.action)
    }
}

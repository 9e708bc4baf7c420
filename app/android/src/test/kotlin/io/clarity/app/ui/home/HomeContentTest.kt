package io.clarity.app.ui.home

import android.net.Uri
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.ui.theme.ClarityTheme
import org.junit.Assert.assertEquals
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith

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
    }

    @Test
    fun countsSelectedPhotos() {
        val photos = listOf(Uri.parse("content://media/1"), Uri.parse("content://media/2"))
        compose.setContent {
            ClarityTheme { HomeContent(HomeUiState(photos), onPickPhotos = {}, onTakePhoto = {}) }
        }
        compose.onNodeWithText("2 photos selected").assertIsDisplayed()
    }
}

package io.clarity.app.ui.result

import android.net.Uri
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableFloatStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.assertContentDescriptionEquals
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performSemanticsAction
import androidx.compose.ui.test.performTouchInput
import androidx.compose.ui.test.swipeLeft
import androidx.compose.ui.test.swipeRight
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.ui.theme.ClarityTheme
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith

@RunWith(AndroidJUnit4::class)
class BeforeAfterViewerTest {
    @get:Rule
    val compose = createComposeRule()

    private var split by mutableFloatStateOf(0.5f)

    private fun show() {
        compose.setContent {
            ClarityTheme {
                BeforeAfterViewer(
                    before = Uri.parse("content://media/1"),
                    after = Uri.parse("content://media/2"),
                    split = split,
                    onSplitChange = { split = it },
                    modifier = Modifier.fillMaxSize(),
                )
            }
        }
    }

    @Test
    fun dividerFollowsADrag() {
        show()
        compose.onNodeWithTag(DIVIDER_TAG).performTouchInput { swipeRight(startX = centerX, endX = centerX + 200f) }
        compose.waitForIdle()
        val afterRight = split
        assertTrue("dragged right: $afterRight", afterRight > 0.55f)
        compose.onNodeWithTag(DIVIDER_TAG).performTouchInput { swipeLeft(startX = centerX, endX = centerX - 400f) }
        compose.waitForIdle()
        assertTrue("dragged left: $split", split < afterRight)
    }

    @Test
    fun dividerIsAnAdjustableControlForTalkBack() {
        show()
        val divider = compose.onNodeWithTag(DIVIDER_TAG)
        divider.assertContentDescriptionEquals("Before and after divider")
        val range = divider.fetchSemanticsNode().config[SemanticsProperties.ProgressBarRangeInfo]
        assertEquals(0.5f, range.current, 0f)
        assertEquals(0f..1f, range.range)
        divider.performSemanticsAction(SemanticsActions.SetProgress) { it(0.8f) }
        compose.waitForIdle()
        assertEquals(0.8f, split, 0f)
        assertEquals("80 percent shows the result",
            compose.onNodeWithTag(DIVIDER_TAG).fetchSemanticsNode().config[SemanticsProperties.StateDescription])
        divider.performSemanticsAction(SemanticsActions.SetProgress) { it(7f) }
        compose.waitForIdle()
        assertEquals("clamped to the range", 1f, split, 0f)
    }
}

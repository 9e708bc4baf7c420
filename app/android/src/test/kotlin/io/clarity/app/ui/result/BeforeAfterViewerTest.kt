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
import androidx.compose.ui.test.onRoot
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.unit.LayoutDirection
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

    private fun stateDescription() =
        compose.onNodeWithTag(DIVIDER_TAG).fetchSemanticsNode().config[SemanticsProperties.StateDescription]

    private fun show(direction: LayoutDirection = LayoutDirection.Ltr) {
        compose.setContent {
            CompositionLocalProvider(LocalLayoutDirection provides direction) { ClarityTheme {
                BeforeAfterViewer(
                    before = Uri.parse("content://media/1"),
                    after = Uri.parse("content://media/2"),
                    split = split,
                    onSplitChange = { split = it },
                    modifier = Modifier.fillMaxSize(),
                )
            } }
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
    fun rightToLeftPutsBeforeAndItsLabelOnTheRight() {
        show(LayoutDirection.Rtl)
        compose.waitForIdle()
        val width = compose.onRoot().fetchSemanticsNode().size.width
        val beforeLabel = compose.onNodeWithTag(BEFORE_LABEL_TAG).fetchSemanticsNode().boundsInRoot
        val afterLabel = compose.onNodeWithTag(AFTER_LABEL_TAG).fetchSemanticsNode().boundsInRoot
        assertTrue("Before label on the right: $beforeLabel", beforeLabel.left > width / 2f)
        assertTrue("After label on the left: $afterLabel", afterLabel.right < width / 2f)
        split = 0.8f
        compose.waitForIdle()
        val divider = compose.onNodeWithTag(DIVIDER_TAG).fetchSemanticsNode().boundsInRoot
        assertEquals("80 % before, measured from the right", width * 0.2f, divider.center.x, 2f)
        assertEquals("80 percent before, 20 percent after", stateDescription())
        // Dragging the divider left widens before, which sits on the right.
        compose.onNodeWithTag(DIVIDER_TAG).performTouchInput { swipeLeft(startX = centerX, endX = centerX - 100f) }
        compose.waitForIdle()
        assertTrue("more before: $split", split > 0.8f)
    }

    @Test
    fun leftToRightPutsBeforeAndItsLabelOnTheLeft() {
        show()
        compose.waitForIdle()
        val width = compose.onRoot().fetchSemanticsNode().size.width
        assertTrue(compose.onNodeWithTag(BEFORE_LABEL_TAG).fetchSemanticsNode().boundsInRoot.right < width / 2f)
        assertTrue(compose.onNodeWithTag(AFTER_LABEL_TAG).fetchSemanticsNode().boundsInRoot.left > width / 2f)
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
        // At 0.8 the divider sits at 80 % of the width: 80 % of the viewer shows the photo before.
        assertEquals("80 percent before, 20 percent after", stateDescription())
        divider.performSemanticsAction(SemanticsActions.SetProgress) { it(0.2f) }
        compose.waitForIdle()
        assertEquals("20 percent before, 80 percent after", stateDescription())
        divider.performSemanticsAction(SemanticsActions.SetProgress) { it(7f) }
        compose.waitForIdle()
        assertEquals("clamped to the range", 1f, split, 0f)
    }
}

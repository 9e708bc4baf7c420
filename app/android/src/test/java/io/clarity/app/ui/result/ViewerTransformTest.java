package io.clarity.app.ui.result;

import org.junit.Test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The viewer's zoom, pan and sub-sampling arithmetic; the before photo is 1000×750, the x4 result 4000×3000. */
public class ViewerTransformTest {
    private static final int VIEW_W = 1080;
    private static final int VIEW_H = 1500;
    private static final int AFTER_W = 4000;
    private static final int AFTER_H = 3000;
    private static final int BEFORE_W = 1000;
    private static final int BEFORE_H = 750;

    private static ViewerTransform pinch(ViewerTransform t, float x, float y, float dx, float dy, float factor) {
        return t.gesture(x, y, dx, dy, factor, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
    }

    @Test
    public void zoomOneShowsTheWholePictureFitted() {
        assertEquals(0.27f, ViewerTransform.fitScale(AFTER_W, AFTER_H, VIEW_W, VIEW_H), 1e-6f);
        assertArrayEquals(new int[] {0, 0, AFTER_W, AFTER_H},
                ViewerTransform.IDENTITY.visibleRegion(AFTER_W, AFTER_H, AFTER_W, AFTER_H, VIEW_W, VIEW_H));
        assertEquals(0f, ViewerTransform.fitScale(0, 10, VIEW_W, VIEW_H), 0f);
        assertEquals("an empty viewport never divides by zero", 1f, ViewerTransform.oneToOneZoom(AFTER_W, AFTER_H, 0, 0), 0f);
    }

    @Test
    public void bothSidesShowTheSamePartOfThePictureAtEveryZoom() {
        ViewerTransform t = ViewerTransform.IDENTITY;
        float[][] steps = {{300, 400, 0, 0, 1.7f}, {900, 1200, -120, 35, 2.3f}, {10, 10, 400, -800, 3.1f},
                {540, 750, 0, 0, 1.9f}, {1000, 100, -2000, 2000, 0.6f}};
        for (float[] s : steps) {
            t = pinch(t, s[0], s[1], s[2], s[3], s[4]);
            int[] after = t.visibleRegion(AFTER_W, AFTER_H, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
            int[] before = t.visibleRegion(BEFORE_W, BEFORE_H, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
            for (int i = 0; i < 4; i++) {
                // The same rectangle of the scene, to within one before pixel (4 result pixels) of rounding.
                assertEquals("edge " + i + " at zoom " + t.zoom(), after[i], before[i] * 4f, 4f);
            }
            float[] a = t.toScreen(0.37f, 0.61f, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
            float[] b = t.toScreen(0.37f, 0.61f, BEFORE_W, BEFORE_H, VIEW_W, VIEW_H);
            assertArrayEquals("a scene point lands on the same screen pixel on both sides", a, b, 1e-3f);
        }
    }

    @Test
    public void thePointUnderTheFingersStaysUnderThemWhileZooming() {
        ViewerTransform t = pinch(ViewerTransform.IDENTITY, 700, 900, 0, 0, 2f);
        ViewerTransform u = pinch(t, 200, 500, 0, 0, 1.5f);
        // The scene point under (200, 500) before the second pinch is still there after it.
        float[] fraction = sceneFractionUnder(t, 200, 500);
        float[] screen = u.toScreen(fraction[0], fraction[1], AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        assertEquals(200f, screen[0], 0.01f);
        assertEquals(500f, screen[1], 0.01f);
    }

    @Test
    public void zoomIsClampedAndPanNeverShowsAGapTheImageCouldFill() {
        ViewerTransform out = pinch(ViewerTransform.IDENTITY, 540, 750, 0, 0, 0.2f);
        assertEquals(1f, out.zoom(), 0f);
        assertEquals("nothing to pan at zoom 1 across", 0f, out.panX(), 0f);
        ViewerTransform in = pinch(ViewerTransform.IDENTITY, 540, 750, 0, 0, 1000f);
        assertEquals(ViewerTransform.maxZoom(AFTER_W, AFTER_H, VIEW_W, VIEW_H), in.zoom(), 1e-4f);
        ViewerTransform far = pinch(in, 540, 750, 1e6f, 1e6f, 1f);
        float[] topLeft = far.toScreen(0, 0, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        assertEquals("the image's left edge stops at the screen's", 0f, topLeft[0], 0.01f);
        assertTrue("taller than the viewport at this zoom, so no gap at the top either", topLeft[1] <= 0.01f);
    }

    @Test
    public void doubleTapGoesToOneToOneAtThePointAndBack() {
        ViewerTransform t = ViewerTransform.IDENTITY.doubleTap(540, 750, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        assertEquals(1f / 0.27f, t.zoom(), 1e-3f);
        assertEquals("one result pixel per screen pixel", 1f,
                t.imagePixelsPerScreenPixel(AFTER_W, AFTER_W, AFTER_H, VIEW_W, VIEW_H), 1e-4f);
        int[] r = t.visibleRegion(AFTER_W, AFTER_H, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        assertEquals(VIEW_W, r[2] - r[0], 1);
        assertEquals(ViewerTransform.IDENTITY.zoom(),
                t.doubleTap(100, 100, AFTER_W, AFTER_H, VIEW_W, VIEW_H).zoom(), 0f);
        ViewerTransform small = ViewerTransform.IDENTITY.doubleTap(10, 10, 200, 100, VIEW_W, VIEW_H);
        assertEquals("a picture smaller than the screen still zooms", 2f, small.zoom(), 1e-4f);
    }

    @Test
    public void eachSideDecodesAtItsOwnSampleSize() {
        assertEquals(1, ViewerTransform.sampleSize(0.5f));
        assertEquals(1, ViewerTransform.sampleSize(1.99f));
        assertEquals(2, ViewerTransform.sampleSize(2f));
        assertEquals(8, ViewerTransform.sampleSize(15.9f));
        ViewerTransform t = pinch(ViewerTransform.IDENTITY, 540, 750, 0, 0, 1.8f);
        // At zoom 1.8 the result has 4000 / (1080·1.8) ≈ 2.06 px per screen pixel, the before photo 0.51.
        assertEquals(2, ViewerTransform.sampleSize(t.imagePixelsPerScreenPixel(AFTER_W, AFTER_W, AFTER_H, VIEW_W, VIEW_H)));
        assertEquals(1, ViewerTransform.sampleSize(t.imagePixelsPerScreenPixel(BEFORE_W, AFTER_W, AFTER_H, VIEW_W, VIEW_H)));
    }

    @Test
    public void theDividerSitsOnTheStartSideOfBefore() {
        assertEquals(864f, SplitDivider.dividerX(0.8f, 1080, false), 1e-3f);
        assertEquals("right to left: before on the right", 216f, SplitDivider.dividerX(0.8f, 1080, true), 1e-3f);
        assertEquals("dragging right shows more before", 0.6f, SplitDivider.afterDrag(0.5f, 108f, 1080, false), 1e-6f);
        assertEquals("dragging right in RTL shows less before", 0.4f, SplitDivider.afterDrag(0.5f, 108f, 1080, true), 1e-6f);
        assertEquals(1f, SplitDivider.afterDrag(0.9f, 5000f, 1080, false), 0f);
        assertArrayEquals(new int[] {80, 20}, SplitDivider.percents(0.8f));
        assertArrayEquals(new int[] {20, 80}, SplitDivider.percents(0.2f));
    }

    private static float[] sceneFractionUnder(ViewerTransform t, float x, float y) {
        float[] origin = t.toScreen(0, 0, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        float[] corner = t.toScreen(1, 1, AFTER_W, AFTER_H, VIEW_W, VIEW_H);
        return new float[] {(x - origin[0]) / (corner[0] - origin[0]), (y - origin[1]) / (corner[1] - origin[1])};
    }
}

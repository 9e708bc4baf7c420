package io.clarity.app.ui.result;

/**
 * Where the before/after divider sits. The split is the share of the viewport that shows the photo before (0: all
 * after, 1: all before); before is on the reading direction's start side: the left, or the right in a right-to-left
 * language, like a slider's start. Pure arithmetic, tested without a screen.
 */
public final class SplitDivider {
    private SplitDivider() {
    }

    /** The divider's x in a viewport {@code width} px wide. */
    public static float dividerX(float split, int width, boolean rtl) {
        return rtl ? width * (1f - split) : width * split;
    }

    /** The split after the divider was dragged by {@code dx} px (positive: to the right), clamped to [0, 1]. */
    public static float afterDrag(float split, float dx, int width, boolean rtl) {
        if (width <= 0) {
            return split;
        }
        float moved = split + (rtl ? -dx : dx) / width;
        return Math.max(0f, Math.min(1f, moved));
    }

    /** Whole percent of the viewport showing before, and after (they add up to 100). */
    public static int[] percents(float split) {
        int before = Math.round(Math.max(0f, Math.min(1f, split)) * 100f);
        return new int[] {before, 100 - before};
    }
}

package io.clarity.app.ui.result;

/**
 * Zoom and pan of the before/after viewer, in screen pixels: the image fitted in the viewport at zoom 1, scaled
 * about the viewport's centre by {@code zoom}, then moved by the pan. It is defined on the fitted rectangle, which
 * depends only on the picture's shape, so the before photo and the (scale times larger) result placed under the same
 * transform stay aligned at every zoom; each then decodes its own visible region at its own sample size.
 * Pure arithmetic, so it is tested without a screen.
 */
public final class ViewerTransform {
    public static final ViewerTransform IDENTITY = new ViewerTransform(1f, 0f, 0f);

    private final float zoom;
    private final float panX;
    private final float panY;

    public ViewerTransform(float zoom, float panX, float panY) {
        this.zoom = zoom;
        this.panX = panX;
        this.panY = panY;
    }

    public float zoom() {
        return zoom;
    }

    public float panX() {
        return panX;
    }

    public float panY() {
        return panY;
    }

    /** Screen pixels per image pixel at zoom 1 (the image fitted inside the viewport); 0 when either is empty. */
    public static float fitScale(int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        if (imageWidth <= 0 || imageHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            return 0f;
        }
        return Math.min((float) viewWidth / imageWidth, (float) viewHeight / imageHeight);
    }

    /** The zoom at which one image pixel covers one screen pixel (1:1), never below 1. */
    public static float oneToOneZoom(int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        float fit = fitScale(imageWidth, imageHeight, viewWidth, viewHeight);
        return fit <= 0f ? 1f : Math.max(1f, 1f / fit);
    }

    /** How far in a pinch may go: one image pixel over two screen pixels. */
    public static float maxZoom(int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        return 2f * oneToOneZoom(imageWidth, imageHeight, viewWidth, viewHeight);
    }

    /**
     * After a pinch or drag: the point under the fingers' centroid stays under them while the zoom changes by
     * {@code factor} (clamped to 1..max), then the pan moves by the drag; the image never leaves a gap it could fill.
     */
    public ViewerTransform gesture(float centroidX, float centroidY, float dragX, float dragY, float factor,
                                   int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        float max = maxZoom(imageWidth, imageHeight, viewWidth, viewHeight);
        float newZoom = Math.max(1f, Math.min(max, zoom * factor));
        return zoomAbout(centroidX, centroidY, newZoom, viewWidth, viewHeight)
                .panBy(dragX, dragY)
                .clamped(imageWidth, imageHeight, viewWidth, viewHeight);
    }

    /** Double tap: from zoom 1 to 1:1 about the tapped point; from any other zoom back to the whole picture. */
    public ViewerTransform doubleTap(float x, float y, int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        if (zoom > 1.001f) {
            return IDENTITY;
        }
        float target = oneToOneZoom(imageWidth, imageHeight, viewWidth, viewHeight);
        // A picture smaller than the screen is shown at 1:1 already: zoom in twice instead, so the tap does something.
        if (target <= 1.001f) {
            target = maxZoom(imageWidth, imageHeight, viewWidth, viewHeight);
        }
        return zoomAbout(x, y, target, viewWidth, viewHeight).clamped(imageWidth, imageHeight, viewWidth, viewHeight);
    }

    private ViewerTransform zoomAbout(float x, float y, float newZoom, int viewWidth, int viewHeight) {
        float cx = viewWidth / 2f;
        float cy = viewHeight / 2f;
        float ratio = newZoom / zoom;
        // Screen point s = c + (p - c)·zoom + pan; keep s fixed for the image point p under (x, y).
        return new ViewerTransform(newZoom, (panX + cx - x) * ratio - (cx - x), (panY + cy - y) * ratio - (cy - y));
    }

    private ViewerTransform panBy(float dx, float dy) {
        return new ViewerTransform(zoom, panX + dx, panY + dy);
    }

    /** The pan kept within what shows image: zoomed wider than the viewport, no border appears. */
    public ViewerTransform clamped(int imageWidth, int imageHeight, int viewWidth, int viewHeight) {
        float fit = fitScale(imageWidth, imageHeight, viewWidth, viewHeight);
        float maxX = Math.max(0f, (imageWidth * fit * zoom - viewWidth) / 2f);
        float maxY = Math.max(0f, (imageHeight * fit * zoom - viewHeight) / 2f);
        return new ViewerTransform(zoom, Math.max(-maxX, Math.min(maxX, panX)), Math.max(-maxY, Math.min(maxY, panY)));
    }

    /**
     * Where a point of the picture lands on screen, the point given as a fraction of the picture's width and height
     * (0..1): the same for every image of this shape, whatever its resolution.
     */
    public float[] toScreen(float fractionX, float fractionY, int imageWidth, int imageHeight, int viewWidth,
                            int viewHeight) {
        float fit = fitScale(imageWidth, imageHeight, viewWidth, viewHeight);
        float fw = imageWidth * fit;
        float fh = imageHeight * fit;
        float left = (viewWidth - fw) / 2f;
        float top = (viewHeight - fh) / 2f;
        float cx = viewWidth / 2f;
        float cy = viewHeight / 2f;
        return new float[] {cx + (left + fractionX * fw - cx) * zoom + panX, cy + (top + fractionY * fh - cy) * zoom + panY};
    }

    /**
     * The part of an image of {@code width} × {@code height} on screen, in that image's own pixels as
     * {left, top, right, bottom}, clipped to the image; the shape ({@code shapeWidth} × {@code shapeHeight}, the
     * result's size say) places it, so two resolutions of one picture get the same part.
     */
    public int[] visibleRegion(int width, int height, int shapeWidth, int shapeHeight, int viewWidth, int viewHeight) {
        float[] topLeft = toScreen(0f, 0f, shapeWidth, shapeHeight, viewWidth, viewHeight);
        float[] bottomRight = toScreen(1f, 1f, shapeWidth, shapeHeight, viewWidth, viewHeight);
        float screenWidth = bottomRight[0] - topLeft[0];
        float screenHeight = bottomRight[1] - topLeft[1];
        if (screenWidth <= 0f || screenHeight <= 0f) {
            return new int[] {0, 0, 0, 0};
        }
        int left = (int) Math.floor((0 - topLeft[0]) / screenWidth * width);
        int top = (int) Math.floor((0 - topLeft[1]) / screenHeight * height);
        int right = (int) Math.ceil((viewWidth - topLeft[0]) / screenWidth * width);
        int bottom = (int) Math.ceil((viewHeight - topLeft[1]) / screenHeight * height);
        return new int[] {clamp(left, width), clamp(top, height), clamp(right, width), clamp(bottom, height)};
    }

    /** Image pixels under one screen pixel, for an image of {@code width} px across the shape's fitted width. */
    public float imagePixelsPerScreenPixel(int width, int shapeWidth, int shapeHeight, int viewWidth, int viewHeight) {
        float fit = fitScale(shapeWidth, shapeHeight, viewWidth, viewHeight);
        return fit <= 0f ? 0f : width / (shapeWidth * fit * zoom);
    }

    /**
     * The region decoder's sample size for that density: the largest power of two not above it (1 at 1:1 and
     * beyond), so a region is never decoded finer than the screen shows nor coarser than half of it.
     */
    public static int sampleSize(float imagePixelsPerScreenPixel) {
        int sample = 1;
        while (sample * 2 <= imagePixelsPerScreenPixel) {
            sample *= 2;
        }
        return sample;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

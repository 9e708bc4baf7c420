package io.clarity.models.train;

import io.clarity.engine.color.YCbCr;
import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.FloatImage;

/** The Y plane a Y model sees, as the engine feeds it: BT.601 luma (16..235) divided by 255. */
public final class LumaPlanes {
    private LumaPlanes() {
    }

    public static FloatImage of(ArgbImage image) {
        int[] px = image.pixels();
        float[] y = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            y[i] = YCbCr.luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff) / 255f;
        }
        return new FloatImage(image.width(), image.height(), 1, y);
    }

    /** R, G, B in [0, 1], as the engine feeds an RGB model. */
    public static FloatImage rgb(ArgbImage image) {
        int[] px = image.pixels();
        float[] data = new float[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            data[3 * i] = ((px[i] >> 16) & 0xff) / 255f;
            data[3 * i + 1] = ((px[i] >> 8) & 0xff) / 255f;
            data[3 * i + 2] = (px[i] & 0xff) / 255f;
        }
        return new FloatImage(image.width(), image.height(), 3, data);
    }
}

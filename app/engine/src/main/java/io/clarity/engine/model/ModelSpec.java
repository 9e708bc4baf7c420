package io.clarity.engine.model;

/** What the engine must know about a model to tile an image for it. */
public final class ModelSpec {

    /** Which colour planes the network sees. */
    public enum Channels {
        /** Three planes, R G B. */
        RGB(3),
        /**
         * Luma only: BT.601 Y (16..235, {@link io.clarity.engine.color.YCbCr}) divided by 255, as SRCNN takes
         * it; chroma is upscaled bicubically beside the network.
         */
        Y(1);

        private final int count;

        Channels(int count) {
            this.count = count;
        }

        public int count() {
            return count;
        }
    }

    private final String name;
    private final int scale;
    private final Channels channels;
    private final TensorType inputType;
    private final int fixedTileWidth;
    private final int fixedTileHeight;
    private final int halo;

    private ModelSpec(String name, int scale, Channels channels, TensorType inputType,
                      int fixedTileWidth, int fixedTileHeight, int halo) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, was " + scale);
        }
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, was " + halo);
        }
        if (fixedTileWidth < 0 || fixedTileHeight < 0 || (fixedTileWidth == 0) != (fixedTileHeight == 0)) {
            throw new IllegalArgumentException("fixed tile must be both sides > 0, or free (0x0)");
        }
        this.name = name;
        this.scale = scale;
        this.channels = channels;
        this.inputType = inputType;
        this.fixedTileWidth = fixedTileWidth;
        this.fixedTileHeight = fixedTileHeight;
        this.halo = halo;
    }

    /** A model that accepts input tiles of any size. */
    public static ModelSpec freeShape(String name, int scale, Channels channels, TensorType inputType, int halo) {
        return new ModelSpec(name, scale, channels, inputType, 0, 0, halo);
    }

    /** A model with one static input shape (the GPU delegate wants this); edge tiles are padded to it. */
    public static ModelSpec fixedShape(String name, int scale, Channels channels, TensorType inputType,
                                       int tileWidth, int tileHeight, int halo) {
        return new ModelSpec(name, scale, channels, inputType, tileWidth, tileHeight, halo);
    }

    public String name() {
        return name;
    }

    public int scale() {
        return scale;
    }

    public Channels channels() {
        return channels;
    }

    public TensorType inputType() {
        return inputType;
    }

    public boolean hasFixedTileShape() {
        return fixedTileWidth > 0;
    }

    /** Input tile width the model insists on, halo included; 0 when free. */
    public int fixedTileWidth() {
        return fixedTileWidth;
    }

    /** Input tile height the model insists on, halo included; 0 when free. */
    public int fixedTileHeight() {
        return fixedTileHeight;
    }

    /** Receptive-field radius in input pixels: the overlap the engine keeps between tiles. */
    public int halo() {
        return halo;
    }
}

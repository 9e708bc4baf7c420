package io.clarity.engine.pipeline;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.image.Region;

/**
 * Sees each finished tile's output pixels as soon as the tile is done, before its row reaches the sink, on the
 * thread that called {@link Enhancer#run} (so an implementation needs no locking against the engine). The band is
 * the engine's own buffer: read it during the call, never keep it.
 */
public interface TileOutputListener {
    TileOutputListener NONE = (output, band, bandTop) -> { };

    /** The output's size, once, before the first tile. */
    default void started(int outputWidth, int outputHeight) {
    }

    /**
     * @param output  the tile's pixels in output coordinates
     * @param band    the output rows {@code bandTop ..} of the tile's row; only {@code output}'s part is final
     * @param bandTop the output row of the band's first row
     */
    void tileDone(Region output, ArgbImage band, int bandTop);
}

package io.clarity.engine.nn;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.model.TensorType;

/**
 * The pure-Java runtime: runs a {@link Network} in fp32 with plain loops. Engine tests use it to exercise
 * real network shapes without TFLite, and the model tools use it as the reference TFLite is checked against.
 * A 3-channel network is an RGB model, a 1-channel one a Y model. A network that does not upscale (SRCNN,
 * which works on a bicubically pre-upscaled image) is wrapped in
 * {@link io.clarity.engine.model.BicubicPreUpscaledModel} to meet the engine's contract.
 */
public final class ReferenceModel implements SuperResolutionModel {
    private final Network network;
    private final ModelSpec spec;

    private ReferenceModel(Network network, ModelSpec spec) {
        this.network = network;
        this.spec = spec;
    }

    /** A model that accepts tiles of any size. */
    public static ReferenceModel freeShape(String name, Network network) {
        return new ReferenceModel(network,
                ModelSpec.freeShape(name, network.scale(), channelsOf(network), TensorType.FLOAT32, network.halo()));
    }

    /** A model that, like a GPU-delegated TFLite model, accepts only tiles of one size. */
    public static ReferenceModel fixedShape(String name, Network network, int tileWidth, int tileHeight) {
        return new ReferenceModel(network, ModelSpec.fixedShape(name, network.scale(), channelsOf(network),
                TensorType.FLOAT32, tileWidth, tileHeight, network.halo()));
    }

    private static ModelSpec.Channels channelsOf(Network network) {
        if (network.outputChannels() != network.inputChannels()) {
            throw new IllegalArgumentException("a super-resolution network must output as many channels as it takes: "
                    + network.inputChannels() + " in, " + network.outputChannels() + " out");
        }
        for (ModelSpec.Channels channels : ModelSpec.Channels.values()) {
            if (channels.count() == network.inputChannels()) {
                return channels;
            }
        }
        throw new IllegalArgumentException("a super-resolution network takes 3 (RGB) or 1 (Y) channels, not "
                + network.inputChannels());
    }

    public Network network() {
        return network;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public FloatImage upscale(FloatImage tile) {
        if (spec.hasFixedTileShape()
                && (tile.width() != spec.fixedTileWidth() || tile.height() != spec.fixedTileHeight())) {
            throw new IllegalArgumentException("model takes " + spec.fixedTileWidth() + "x" + spec.fixedTileHeight()
                    + " tiles, got " + tile.width() + "x" + tile.height());
        }
        return network.forward(tile);
    }

    @Override
    public void close() {
        // Nothing to release: the network is plain heap memory.
    }
}

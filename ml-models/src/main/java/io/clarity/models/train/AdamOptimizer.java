package io.clarity.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) over a fixed list of tensors. Its moments are ordinary arrays so that a checkpoint
 * can save and restore them: a resumed run continues exactly, without Adam's warm-up starting over.
 */
public final class AdamOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<NDArray> parameters;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private long updates;

    public AdamOptimizer(List<NDArray> parameters) {
        this.parameters = parameters;
        for (NDArray p : parameters) {
            firstMoments.add(p.zerosLike());
            secondMoments.add(p.zerosLike());
        }
    }

    /** One step with the gradients the last backward pass left on the parameters, then clears them. */
    public void step(float learningRate) {
        updates++;
        float correction1 = (float) (1 - Math.pow(BETA1, updates));
        float correction2 = (float) (1 - Math.pow(BETA2, updates));
        float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (int i = 0; i < parameters.size(); i++) {
                NDArray p = parameters.get(i);
                NDArray g = p.getGradient();
                NDScope.register(g);
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                p.subi(m.div(v.sqrt().addi(EPSILON)).muli(stepSize));
                g.muli(0f);
            }
        }
    }

    /** Zeroes the gradients another loss left on these parameters (the critic's, after a generator step). */
    public void clearGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : parameters) {
                p.getGradient().muli(0f);
            }
        }
    }

    public long updates() {
        return updates;
    }

    List<NDArray> firstMoments() {
        return firstMoments;
    }

    List<NDArray> secondMoments() {
        return secondMoments;
    }

    void restore(long updates, List<float[]> first, List<float[]> second) {
        if (first.size() != parameters.size() || second.size() != parameters.size()) {
            throw new IllegalArgumentException("optimizer state holds " + first.size() + " tensors, the network has "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            firstMoments.get(i).set(java.nio.FloatBuffer.wrap(first.get(i)));
            secondMoments.get(i).set(java.nio.FloatBuffer.wrap(second.get(i)));
        }
        this.updates = updates;
    }
}

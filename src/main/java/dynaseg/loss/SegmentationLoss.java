package dynaseg.loss;

import ai.djl.ndarray.NDArray;

/** A class-weighted segmentation loss on raw logits (softmax inside), differentiable with DJL autograd. */
public interface SegmentationLoss {

    /**
     * @param logits         (N, C, D, H, W) raw network outputs, C classes with background at channel 0
     * @param target         (N, D, H, W) integer class ids in [0, C)
     * @param channelWeights length C, background weight at index 0 (ignored by the Dice term when
     *                       background is excluded)
     * @return a scalar NDArray in the manager of {@code logits}
     * @throws IllegalArgumentException on mismatched shapes, a wrong weight count or labels outside [0, C)
     */
    NDArray compute(NDArray logits, NDArray target, float[] channelWeights);

    /** Unweighted: every channel has weight 1. */
    default NDArray compute(NDArray logits, NDArray target) {
        float[] ones = new float[(int) logits.getShape().get(1)];
        java.util.Arrays.fill(ones, 1f);
        return compute(logits, target, ones);
    }

    /** {@code dice} or {@code dicece}. */
    String name();

    boolean includeBackground();
}

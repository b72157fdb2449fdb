package dynaseg.loss;

import ai.djl.ndarray.NDArray;

/**
 * Class-weighted cross-entropy on logits, as torch's {@code CrossEntropyLoss(weight=w)} with mean
 * reduction (and so MONAI's {@code DiceCELoss}): every voxel v weighs w[y_v], the weight of its
 * true class, and the sum is normalised by the sum of those voxel weights:
 * <pre>
 *   CE = sum_v w[y_v] * (-log softmax(logits)_v[y_v]) / sum_v w[y_v]
 * </pre>
 * Always over all C channels: the softmax is over all classes anyway and MONAI does the same.
 */
final class WeightedCrossEntropy {
    private WeightedCrossEntropy() {}

    /** Scalar CE on checked inputs, the target given as its (N,C,D,H,W) one-hot {@code g}. */
    static NDArray fromOneHot(NDArray logits, NDArray g, float[] channelWeights) {
        int c = channelWeights.length;
        NDArray logp = logits.logSoftmax(1);
        NDArray w = LossInputs.weights(logits, channelWeights).reshape(1, c, 1, 1, 1);
        NDArray voxelWeight = g.mul(w).sum(new int[] {1});
        NDArray nll = logp.mul(g).sum(new int[] {1}).neg();
        return nll.mul(voxelWeight).sum().div(voxelWeight.sum());
    }
}

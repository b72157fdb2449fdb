package dynaseg.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Shape checks and the one-hot target shared by the losses. */
final class LossInputs {
    /** Sum over batch and space, keeping channels: the Dice terms are computed over the whole batch. */
    static final int[] BATCH_AND_SPACE = {0, 2, 3, 4};

    private LossInputs() {}

    /** Checks logits (N,C,D,H,W), target (N,D,H,W) and C weights; returns C. */
    static int check(NDArray logits, NDArray target, float[] channelWeights) {
        Shape ls = logits.getShape();
        Shape ts = target.getShape();
        if (ls.dimension() != 5) throw new IllegalArgumentException("logits must be (N, C, D, H, W), got " + ls);
        int c = (int) ls.get(1);
        boolean match = ts.dimension() == 4 && ts.get(0) == ls.get(0)
                && ts.get(1) == ls.get(2) && ts.get(2) == ls.get(3) && ts.get(3) == ls.get(4);
        if (!match) throw new IllegalArgumentException("target must be (N, D, H, W) matching logits " + ls + ", got " + ts);
        if (channelWeights == null || channelWeights.length != c) {
            throw new IllegalArgumentException("expected " + c + " channel weights (background first), got "
                    + (channelWeights == null ? "null" : String.valueOf(channelWeights.length)));
        }
        if (c < 2) throw new IllegalArgumentException("a softmax segmentation loss needs at least 2 channels, got " + c);
        long min = target.min().toType(DataType.INT64, false).getLong();
        long max = target.max().toType(DataType.INT64, false).getLong();
        if (min < 0 || max >= c) throw new IllegalArgumentException("target labels must be in [0, " + c + "), found " + min + ".." + max);
        return c;
    }

    /** (N, C, D, H, W) one-hot of the target, in the logits' data type. */
    static NDArray oneHot(NDArray target, int channels, DataType type) {
        NDArray ids = target.toType(DataType.INT32, false).expandDims(1);
        NDArray classes = target.getManager().arange(0, channels, 1, DataType.INT32).reshape(1, channels, 1, 1, 1);
        return ids.eq(classes).toType(type, false);
    }

    /** The C channel weights as a (C,) array next to the logits. */
    static NDArray weights(NDArray logits, float[] channelWeights) {
        return logits.getManager().create(channelWeights).toType(logits.getDataType(), false);
    }
}

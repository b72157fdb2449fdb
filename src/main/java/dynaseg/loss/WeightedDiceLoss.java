package dynaseg.loss;

import ai.djl.ndarray.NDArray;
import dynaseg.nn.Scalars;

/**
 * Class-weighted soft Dice loss (Milletari et al. 2016, V-Net; weighting as in the runtime freezing
 * paper and MONAI's {@code DiceLoss(softmax=True, batch=True, weight=w)}):
 * <pre>
 *   p = softmax(logits, channel axis),  g = one-hot(target)
 *   DiceLoss_c = 1 - (2 sum(p_c g_c) + s) / (sum(p_c) + sum(g_c) + s),  sums over batch and space, s = 1e-5
 *   L = (1/C') sum_c w_c DiceLoss_c
 * </pre>
 * over the C' channels in the loss (all C, or 1..C-1 without background). L is not divided by
 * sum(w), so freezing a class lowers the total. Input (N,C,D,H,W) logits, (N,D,H,W) labels; output a scalar.
 */
public final class WeightedDiceLoss implements SegmentationLoss {
    public static final String NAME = "dice";
    public static final float SMOOTH = 1e-5f;
    private final boolean includeBackground;

    public WeightedDiceLoss(boolean includeBackground) {
        this.includeBackground = includeBackground;
    }

    @Override
    public NDArray compute(NDArray logits, NDArray target, float[] channelWeights) {
        int c = LossInputs.check(logits, target, channelWeights);
        return fromOneHot(logits, LossInputs.oneHot(target, c, logits.getDataType()), channelWeights);
    }

    /** {@link #compute} on checked inputs, the target given as its (N,C,D,H,W) one-hot. */
    NDArray fromOneHot(NDArray logits, NDArray g, float[] channelWeights) {
        int c = channelWeights.length;
        NDArray perClass = perClassLoss(logits, g);
        NDArray weighted = perClass.mul(LossInputs.weights(logits, channelWeights));
        if (!includeBackground) weighted = weighted.get("1:");
        return Scalars.dividedBy(weighted.sum(), includeBackground ? c : c - 1);
    }

    /** The (C,) unweighted DiceLoss_c of every channel, background included. */
    static NDArray perClassLoss(NDArray logits, NDArray g) {
        NDArray p = logits.softmax(1);
        NDArray intersection = p.mul(g).sum(LossInputs.BATCH_AND_SPACE);
        NDArray denominator = p.sum(LossInputs.BATCH_AND_SPACE).add(g.sum(LossInputs.BATCH_AND_SPACE)).add(SMOOTH);
        return Scalars.times(intersection, 2).add(SMOOTH).div(denominator).neg().add(1);
    }

    @Override
    public String name() { return NAME; }

    @Override
    public boolean includeBackground() { return includeBackground; }
}

package dynaseg.loss;

import ai.djl.ndarray.NDArray;

/**
 * Weighted soft Dice plus weighted cross-entropy, each with weight 1 (MONAI's {@code DiceCELoss}
 * with lambda_dice = lambda_ce = 1): L = {@link WeightedDiceLoss} + {@link WeightedCrossEntropy},
 * the same C channel weights in both. {@code includeBackground} applies to the Dice term only; the
 * cross-entropy always covers all C classes (background voxels weighted by channelWeights[0]).
 */
public final class DiceCrossEntropyLoss implements SegmentationLoss {
    public static final String NAME = "dicece";
    private final WeightedDiceLoss dice;

    public DiceCrossEntropyLoss(boolean includeBackground) {
        this.dice = new WeightedDiceLoss(includeBackground);
    }

    @Override
    public NDArray compute(NDArray logits, NDArray target, float[] channelWeights) {
        int c = LossInputs.check(logits, target, channelWeights);
        NDArray g = LossInputs.oneHot(target, c, logits.getDataType());
        return dice.fromOneHot(logits, g, channelWeights).add(WeightedCrossEntropy.fromOneHot(logits, g, channelWeights));
    }

    /** The cross-entropy term alone (for logging), same conventions as {@link #compute}. */
    public NDArray crossEntropy(NDArray logits, NDArray target, float[] channelWeights) {
        int c = LossInputs.check(logits, target, channelWeights);
        return WeightedCrossEntropy.fromOneHot(logits, LossInputs.oneHot(target, c, logits.getDataType()), channelWeights);
    }

    @Override
    public String name() { return NAME; }

    @Override
    public boolean includeBackground() { return dice.includeBackground(); }
}

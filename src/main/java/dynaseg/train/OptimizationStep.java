package dynaseg.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dynaseg.data.Batch;
import dynaseg.loss.SegmentationLoss;

/**
 * One guarded training step: forward, class-weighted loss, backward, global gradient-norm
 * clipping, AdamW update. A step whose loss or gradient norm is not finite changes nothing: its
 * gradients are zeroed and the update is skipped (the caller counts it). Every array of the step
 * lives in an {@link NDScope} that closes with it, so memory stays flat.
 */
public final class OptimizationStep {
    /** What a step did: its loss, the gradient norm before clipping, and whether it was applied. */
    public record Result(double loss, double gradNorm, boolean applied) {}

    private final Block network;
    private final AdamW optimizer;
    private final SegmentationLoss loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final double gradClip;

    /**
     * @param manager  the manager of the network's parameters (the step's arrays are freed per step)
     * @param gradClip global gradient-norm limit; 0 = no clipping
     */
    public OptimizationStep(Block network, AdamW optimizer, SegmentationLoss loss, NDManager manager, double gradClip) {
        this.network = network;
        this.optimizer = optimizer;
        this.loss = loss;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.gradClip = gradClip;
    }

    /** Runs one step on a batch with these loss weights (length C, background first) and learning rate. */
    public Result run(Batch batch, float[] channelWeights, double learningRate) {
        optimizer.setLearningRate((float) learningRate);
        try (NDScope scope = new NDScope()) {
            double value = lossWithGradients(batch, channelWeights);
            if (!Double.isFinite(value)) {
                AdamW.zeroGradients(network);
                return new Result(value, Double.NaN, false);
            }
            double norm = GradientClipping.clipByGlobalNorm(network, gradClip);
            if (!Double.isFinite(norm)) {
                AdamW.zeroGradients(network);
                return new Result(value, norm, false);
            }
            optimizer.step(network);
            return new Result(value, norm, true);
        }
    }

    /**
     * Forward, loss and backward without clipping or update, gradients zeroed afterwards (the
     * parameters are untouched): what {@code dynaseg models} times without the optimizer.
     * Returns the loss.
     */
    public double forwardBackward(Batch batch, float[] channelWeights) {
        try (NDScope scope = new NDScope()) {
            double value = lossWithGradients(batch, channelWeights);
            AdamW.zeroGradients(network);
            return value;
        }
    }

    public AdamW optimizer() { return optimizer; }

    /** Forward and loss, then backward when the loss is finite; the caller's NDScope frees the arrays. */
    private double lossWithGradients(Batch batch, float[] channelWeights) {
        int[] p = batch.patch();
        NDArray images = manager.create(batch.images(), new Shape(batch.n(), 1, p[0], p[1], p[2]));
        // labels are unsigned bytes: as UINT8, ids above 127 stay positive
        NDArray labels = manager.create(java.nio.ByteBuffer.wrap(batch.labels()),
                new Shape(batch.n(), p[0], p[1], p[2]), DataType.UINT8).toType(DataType.INT32, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = network.forward(parameterStore, new NDList(images), true).singletonOrThrow();
            NDArray l = loss.compute(logits, labels, channelWeights);
            double value = l.getFloat();
            if (Double.isFinite(value)) collector.backward(l);
            return value;
        }
    }
}

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
import dynaseg.data.sampling.Batch;
import dynaseg.loss.SegmentationLoss;

/**
 * One guarded training step: forward, class-weighted loss, backward, global gradient-norm
 * clipping, AdamW update. A step whose loss or gradient norm is not finite changes nothing: its
 * gradients are zeroed and the update is skipped (the caller counts it), and the result says what
 * went non-finite and where ({@link NonFiniteDiagnosis}). With {@code checkNumerics} every step's
 * network output is checked too, and a step with non-finite gradients is run once more on the
 * same batch and weights to tell a passing kernel fault from a real divergence (diagnosis only:
 * the step stays skipped). Every array of the step lives in an {@link NDScope} that closes with
 * it, so memory stays flat.
 */
public final class OptimizationStep {
    /**
     * What a step did: its loss, the gradient norm before clipping, whether it was applied, and
     * for a skipped step what went non-finite (null when applied).
     */
    public record Result(double loss, double gradNorm, boolean applied, NonFiniteDiagnosis nonFinite) {}

    private final Block network;
    private final AdamW optimizer;
    private final SegmentationLoss loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final double gradClip;
    private boolean checkNumerics;

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

    /** --check-numerics: check every step's network output, and repeat a step whose gradients went non-finite. */
    public void setCheckNumerics(boolean on) {
        this.checkNumerics = on;
    }

    /** Runs one step on a batch with these loss weights (length C, background first) and learning rate. */
    public Result run(Batch batch, float[] channelWeights, double learningRate) {
        optimizer.setLearningRate((float) learningRate);
        try (NDScope scope = new NDScope()) {
            Boolean[] logitsFinite = new Boolean[1];
            double value = lossWithGradients(batch, channelWeights, logitsFinite);
            if (!Double.isFinite(value)) {
                AdamW.zeroGradients(network);
                return new Result(value, Double.NaN, false, new NonFiniteDiagnosis(false, null, null, logitsFinite[0], null));
            }
            double norm = GradientClipping.clipByGlobalNorm(network, gradClip);
            if (!Double.isFinite(norm)) {
                String[] where = NonFiniteGradients.locate(network);
                AdamW.zeroGradients(network);
                Boolean repeatedFinite = checkNumerics ? repeatedGradientsFinite(batch, channelWeights) : null;
                return new Result(value, norm, false,
                        new NonFiniteDiagnosis(true, where[0], where[1], logitsFinite[0], repeatedFinite));
            }
            optimizer.step(network);
            return new Result(value, norm, true, null);
        }
    }

    /** The same forward and backward again (weights untouched): are the gradients finite this time? */
    private boolean repeatedGradientsFinite(Batch batch, float[] channelWeights) {
        double value = lossWithGradients(batch, channelWeights, new Boolean[1]);
        boolean finite = Double.isFinite(value) && NonFiniteGradients.locate(network)[0] == null;
        AdamW.zeroGradients(network);
        return finite;
    }

    /**
     * Forward, loss and backward without clipping or update, gradients zeroed afterwards (the
     * parameters are untouched): what {@code dynaseg models} times without the optimizer.
     * Returns the loss.
     */
    public double forwardBackward(Batch batch, float[] channelWeights) {
        try (NDScope scope = new NDScope()) {
            double value = lossWithGradients(batch, channelWeights, new Boolean[1]);
            AdamW.zeroGradients(network);
            return value;
        }
    }

    public AdamW optimizer() { return optimizer; }

    /**
     * Forward and loss, then backward when the loss is finite; the caller's NDScope frees the
     * arrays. With checkNumerics, {@code logitsFinite[0]} says whether the network output was finite.
     */
    private double lossWithGradients(Batch batch, float[] channelWeights, Boolean[] logitsFinite) {
        int[] p = batch.patch();
        NDArray images = manager.create(batch.images(), new Shape(batch.n(), 1, p[0], p[1], p[2]));
        // labels are unsigned bytes: as UINT8, ids above 127 stay positive
        NDArray labels = manager.create(java.nio.ByteBuffer.wrap(batch.labels()),
                new Shape(batch.n(), p[0], p[1], p[2]), DataType.UINT8).toType(DataType.INT32, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = network.forward(parameterStore, new NDList(images), true).singletonOrThrow();
            if (checkNumerics) logitsFinite[0] = NonFiniteGradients.finite(logits);
            NDArray l = loss.compute(logits, labels, channelWeights);
            double value = l.getFloat();
            if (Double.isFinite(value)) collector.backward(l);
            return value;
        }
    }
}

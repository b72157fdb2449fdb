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
import java.util.function.BiFunction;

/**
 * One training step: forward, loss, backward, AdamW update. Every array the step creates
 * (inputs, activations, gradient wrappers, optimizer temporaries) lives in an {@link NDScope} that
 * closes when the step ends, so memory and time stay flat over thousands of steps.
 *
 * <p>The loss gets the logits (N, C, D, H, W) and the target as given to {@link #run}
 * (by default labels (N, D, H, W) int32) and returns a scalar.
 */
public final class TrainingStep {
    private final Block network;
    private final AdamW optimizer;
    private final BiFunction<NDArray, NDArray, NDArray> loss;
    private final NDManager manager;
    private final ParameterStore parameterStore;

    /**
     * @param manager the manager that owns the network's parameters (step arrays are created in it and freed per step)
     */
    public TrainingStep(Block network, AdamW optimizer, BiFunction<NDArray, NDArray, NDArray> loss, NDManager manager) {
        this.network = network;
        this.optimizer = optimizer;
        this.loss = loss;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** One step on a batch: images (n, 1, d, h, w), labels as int32 (n, d, h, w); returns the loss. */
    public float run(Batch batch) {
        try (NDScope scope = new NDScope()) {
            int[] p = batch.patch();
            NDArray images = manager.create(batch.images(), new Shape(batch.n(), 1, p[0], p[1], p[2]));
            NDArray labels = manager.create(batch.labels(), new Shape(batch.n(), p[0], p[1], p[2])).toType(DataType.INT32, false);
            return run(images, labels);
        }
    }

    /** One step on arrays the caller made; returns the loss before the update. */
    public float run(NDArray images, NDArray target) {
        float value;
        try (NDScope scope = new NDScope()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.forward(parameterStore, new NDList(images), true).singletonOrThrow();
                NDArray l = loss.apply(logits, target);
                collector.backward(l);
                value = l.getFloat();
            }
            optimizer.step(network);
        }
        return value;
    }

    /** Forward + backward only (no update, gradients zeroed after): what `dynaseg models` times without the optimizer. */
    public float forwardBackward(NDArray images, NDArray target) {
        try (NDScope scope = new NDScope()) {
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = network.forward(parameterStore, new NDList(images), true).singletonOrThrow();
                NDArray l = loss.apply(logits, target);
                collector.backward(l);
                value = l.getFloat();
            }
            AdamW.zeroGradients(network);
            return value;
        }
    }

    /**
     * Plain unweighted soft Dice (over the batch, background included, smooth 1e-5) + cross-entropy,
     * for benchmarks and tests; training passes dynaseg.loss's weighted loss instead.
     * Target: labels (N, D, H, W), any integer type.
     */
    public static NDArray diceCrossEntropy(NDArray logits, NDArray target) {
        long classes = logits.getShape().get(1);
        NDManager m = logits.getManager();
        NDArray ids = m.arange(0, (int) classes, 1, DataType.INT32).reshape(1, classes, 1, 1, 1);
        NDArray oneHot = target.toType(DataType.INT32, false).expandDims(1).eq(ids).toType(DataType.FLOAT32, false);
        NDArray logp = logits.logSoftmax(1);
        NDArray prob = logp.exp();
        int[] axes = {0, 2, 3, 4};
        NDArray tp = prob.mul(oneHot).sum(axes);
        NDArray denominator = prob.sum(axes).add(oneHot.sum(axes));
        NDArray dice = tp.mul(2).add(1e-5f).div(denominator.add(1e-5f));
        NDArray diceLoss = dice.neg().add(1).mean();
        NDArray ce = logp.mul(oneHot).sum(new int[] {1}).mean().neg();
        return diceLoss.add(ce);
    }
}

package dynaseg.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Test-only training pieces: a phantom patch with labelled blobs, a soft Dice loss, Adam with
 * state kept outside the per-step scope, and the hard Dice per class.
 */
final class TrainingHarness {
    private TrainingHarness() {}

    /** A (size^3) label map with two organs (a ball = 1, a box = 2) and background 0. */
    static int[] phantomLabels(int size) {
        int[] labels = new int[size * size * size];
        double c = size * 0.35;
        double radius = size * 0.2;
        for (int z = 0; z < size; z++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int i = (z * size + y) * size + x;
                    double d = Math.sqrt((z - c) * (z - c) + (y - c) * (y - c) + (x - c) * (x - c));
                    if (d < radius) {
                        labels[i] = 1;
                    } else if (z >= size * 0.55 && z < size * 0.85 && y >= size * 0.5 && y < size * 0.8
                            && x >= size * 0.45 && x < size * 0.9) {
                        labels[i] = 2;
                    }
                }
            }
        }
        return labels;
    }

    /**
     * CT-like intensities for the labels, (1, 1, s, s, s): both organs share one level, so that
     * telling them apart takes shape and position, not just the voxel's value; Gaussian noise.
     */
    static NDArray phantomImage(NDManager manager, int[] labels, int size, long seed) {
        Random random = new Random(seed);
        float[] level = {0f, 0.8f, 0.8f};
        float[] image = new float[labels.length];
        for (int i = 0; i < image.length; i++) {
            image[i] = level[labels[i]] + 0.3f * (float) random.nextGaussian();
        }
        return manager.create(image, new Shape(1, 1, size, size, size));
    }

    /** (1, C, s, s, s) one-hot of the labels. */
    static NDArray oneHot(NDManager manager, int[] labels, int classes, int size) {
        float[] hot = new float[classes * labels.length];
        for (int i = 0; i < labels.length; i++) {
            hot[labels[i] * labels.length + i] = 1f;
        }
        return manager.create(hot, new Shape(1, classes, size, size, size));
    }

    /** Mean over classes of 1 - soft Dice of softmax(logits) against the one-hot target. */
    static NDArray softDiceLoss(NDArray logits, NDArray target) {
        NDArray p = logits.softmax(1);
        long c = logits.getShape().get(1);
        NDArray pf = p.reshape(c, -1);
        NDArray tf = target.reshape(c, -1);
        NDArray tp = pf.mul(tf).sum(new int[] {1});
        NDArray denominator = pf.sum(new int[] {1}).add(tf.sum(new int[] {1}));
        return Scalars.times(tp, 2).add(1e-5f).div(denominator.add(1e-5f)).neg().add(1).mean();
    }

    /** Hard Dice of class c between argmax(logits) and the labels. */
    static double dice(NDArray logits, int[] labels, int c) {
        float[] predicted = logits.argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
        long both = 0;
        long inPrediction = 0;
        long inTruth = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean p = Math.round(predicted[i]) == c;
            boolean t = labels[i] == c;
            both += p && t ? 1 : 0;
            inPrediction += p ? 1 : 0;
            inTruth += t ? 1 : 0;
        }
        return 2.0 * both / Math.max(1, inPrediction + inTruth);
    }

    /** Adam (Kingma and Ba 2015) whose moment buffers outlive the per-step NDScope. */
    static final class Adam {
        private final float lr;
        private final Map<String, NDArray[]> state = new HashMap<>();
        private int step;

        Adam(float lr) {
            this.lr = lr;
        }

        void update(Block net) {
            step++;
            float b1 = 0.9f;
            float b2 = 0.999f;
            float c1 = 1 - (float) Math.pow(b1, step);
            float c2 = 1 - (float) Math.pow(b2, step);
            for (Pair<String, Parameter> pair : net.getParameters()) {
                Parameter p = pair.getValue();
                if (!p.requiresGradient()) {
                    continue;
                }
                NDArray w = p.getArray();
                NDArray g = w.getGradient();
                NDArray[] m = state.computeIfAbsent(p.getId(), k -> {
                    NDArray[] fresh = {w.zerosLike(), w.zerosLike()};
                    NDScope.unregister(fresh);
                    return fresh;
                });
                m[0].muli(b1).addi(g.mul(1 - b1));
                m[1].muli(b2).addi(g.square().mul(1 - b2));
                w.subi(m[0].div(c1).div(m[1].div(c2).sqrt().add(1e-8f)).mul(lr));
            }
        }
    }

    /** One training step in its own scope; returns the loss. */
    static float trainStep(Block net, ParameterStore ps, NDArray image, NDArray target, Adam adam) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(ps, new NDList(image), true).head();
                NDArray l = softDiceLoss(logits, target);
                loss = l.getFloat();
                gc.backward(l);
            }
            adam.update(net);
            return loss;
        }
    }
}

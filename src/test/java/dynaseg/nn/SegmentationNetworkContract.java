package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dynaseg.train.AdamW;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests every segmentation network must pass, on its {@code cpu} preset built for small patches:
 * output shapes, gradients reaching every parameter, save/load, and overfitting one phantom patch.
 */
abstract class SegmentationNetworkContract {
    /** The network under test, uninitialised, for cubic inputs of edge {@code patch}. */
    abstract Block create(String preset, int inChannels, int numClasses, int patch);

    static long trainableParameters(Block net) {
        long count = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    @Test
    void outputShapesFollowInputSizeBatchAndClassCount() {
        int[][] cases = {{1, 3, 32, 1}, {2, 14, 32, 2}, {1, 5, 48, 1}};
        for (int[] c : cases) {
            int in = c[0];
            int classes = c[1];
            int size = c[2];
            int batch = c[3];
            try (NDManager manager = NDManager.newBaseManager()) {
                Block net = create("cpu", in, classes, size);
                Shape input = new Shape(batch, in, size, size, size);
                net.initialize(manager, DataType.FLOAT32, input);
                NDArray out = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(input)), false).head();
                Shape expected = new Shape(batch, classes, size, size, size);
                assertEquals(expected, out.getShape());
                assertEquals(expected, net.getOutputShapes(new Shape[] {input})[0]);
                assertTrue(Float.isFinite(out.abs().max().getFloat()), "finite logits");
            }
        }
    }

    @Test
    void everyParameterReceivesANonZeroGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int size = 32;
            Block net = create("cpu", 1, 3, size);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, size, size, size));
            int[] labels = TrainingHarness.phantomLabels(size);
            NDArray image = TrainingHarness.phantomImage(manager, labels, size, 1).concat(
                    TrainingHarness.phantomImage(manager, labels, size, 2), 0);
            NDArray target = TrainingHarness.oneHot(manager, labels, 3, size);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(manager, false), new NDList(image), true).head();
                gc.backward(TrainingHarness.softDiceLoss(logits, target.concat(target, 0)));
            }
            List<String> dead = new ArrayList<>();
            int checked = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                checked++;
                if (p.getValue().getArray().getGradient().abs().max().getFloat() == 0f) {
                    dead.add(p.getKey());
                }
            }
            assertTrue(checked > 50, "parameters checked: " + checked);
            assertTrue(dead.isEmpty(), "parameters without gradient: " + dead);
        }
    }

    /**
     * The parameter gradients of one step are the same whether or not native memory is collected
     * and reused between forward and backward (a constant read from freed memory, see
     * {@link Scalars}, made UNETR training drift).
     */
    @Test
    void gradientsDoNotDependOnGarbageCollection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int size = 32;
            Block net = create("cpu", 1, 3, size);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size, size));
            assertGradientsIgnoreGarbageCollection(net, manager, size);
        }
    }

    /** See {@link #gradientsDoNotDependOnGarbageCollection}; for any initialised network of 3 classes. */
    static void assertGradientsIgnoreGarbageCollection(Block net, NDManager manager, int size) {
        float[][] quiet = parameterGradients(net, manager, size, false);
        for (int rep = 0; rep < 2; rep++) {
            float[][] churned = parameterGradients(net, manager, size, true);
            for (int i = 0; i < quiet.length; i++) {
                assertArrayEquals(quiet[i], churned[i], "parameter " + i + ", repetition " + rep);
            }
        }
    }

    private static float[][] parameterGradients(Block net, NDManager manager, int size, boolean churn) {
        try (NDManager m = manager.newSubManager()) {
            int[] labels = TrainingHarness.phantomLabels(size);
            NDArray image = TrainingHarness.phantomImage(m, labels, size, 1);
            NDArray target = TrainingHarness.oneHot(m, labels, 3, size);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(m, false), new NDList(image), true).head();
                NDArray loss = TrainingHarness.softDiceLoss(logits, target);
                if (churn) dynaseg.testutil.NativeMemoryChurn.run();
                gc.backward(loss);
            }
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().requiresGradient()) out.add(p.getValue().getArray().getGradient().toFloatArray());
            }
            AdamW.zeroGradients(net);
            return out.toArray(new float[0][]);
        }
    }

    @Test
    void loadedParametersGiveIdenticalOutputs() throws Exception {
        int size = 32;
        Shape input = new Shape(1, 1, size, size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = create("cpu", 1, 4, size);
            net.initialize(manager, DataType.FLOAT32, input);
            NDArray x = manager.randomNormal(input);
            ParameterStore ps = new ParameterStore(manager, false);
            // one training step first so that batch-norm running statistics are not at their defaults
            TrainingHarness.trainStep(net, ps, x, TrainingHarness.oneHot(manager, TrainingHarness.phantomLabels(size), 4, size),
                    new TrainingHarness.Adam(1e-3f));
            float[] before = net.forward(ps, new NDList(x), false).head().toFloatArray();

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            Block loaded = create("cpu", 1, 4, size);
            loaded.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] after = loaded.forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
            assertArrayEquals(before, after, 0f);
            assertEquals(trainableParameters(net), trainableParameters(loaded));
        }
    }

    @Test
    void cpuPresetOverfitsOnePhantomPatch() {
        int size = 32;
        int classes = 3;
        Engine.getInstance().setRandomSeed(20240611);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = create("cpu", 1, classes, size);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size, size));
            int[] labels = TrainingHarness.phantomLabels(size);
            NDArray image = TrainingHarness.phantomImage(manager, labels, size, 3);
            NDArray target = TrainingHarness.oneHot(manager, labels, classes, size);
            ParameterStore ps = new ParameterStore(manager, false);
            TrainingHarness.Adam adam = new TrainingHarness.Adam(2e-3f);
            double worst = 0;
            int step = 0;
            while (step < 300) {
                for (int i = 0; i < 25; i++, step++) {
                    TrainingHarness.trainStep(net, ps, image, target, adam);
                }
                NDArray logits = net.forward(ps, new NDList(image), false).head();
                worst = Math.min(TrainingHarness.dice(logits, labels, 1), TrainingHarness.dice(logits, labels, 2));
                if (worst > 0.8) {
                    break;
                }
            }
            System.out.printf("%s overfit: organ Dice %.3f after %d steps%n", getClass().getSimpleName(), worst, step);
            assertTrue(worst > 0.8, "organ Dice after " + step + " steps: " + worst);
        }
    }
}

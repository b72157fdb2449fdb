package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dynaseg.data.sampling.Batch;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.nn.UNet3D;
import org.junit.jupiter.api.Test;

class OptimizationStepTest {
    private static final float[] ONES_3 = {1, 1, 1};

    /** 8^3: label 1 in the first quarter, 2 in the last fifth, the image brighter with the label. */
    private static Batch threeClassBatch() {
        float[] image = new float[512];
        byte[] labels = new byte[512];
        for (int i = 0; i < 512; i++) {
            labels[i] = (byte) (i < 128 ? 1 : i > 400 ? 2 : 0);
            image[i] = labels[i] * 0.4f;
        }
        return new Batch(image, labels, 1, new int[] {8, 8, 8});
    }

    @Test
    void stepsFreeTheirArraysAndLowerTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(3).optChannels(4, 8).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
            OptimizationStep step = new OptimizationStep(net, new AdamW(1e-2f, 0f), new DiceCrossEntropyLoss(true), m, 12);
            Batch batch = threeClassBatch();
            OptimizationStep.Result first = step.run(batch, ONES_3, 1e-2);
            int arraysAfterFirst = m.getManagedArrays().size(); // parameters + optimizer moments
            OptimizationStep.Result last = first;
            for (int i = 0; i < 20; i++) last = step.run(batch, ONES_3, 1e-2);
            assertEquals(arraysAfterFirst, m.getManagedArrays().size(), "a step leaked arrays");
            assertTrue(first.applied() && last.applied());
            assertTrue(first.gradNorm() > 0 && Double.isFinite(first.gradNorm()), "grad norm " + first.gradNorm());
            assertTrue(last.loss() < first.loss() * 0.8, "loss " + first.loss() + " -> " + last.loss());
            assertEquals(21, step.optimizer().steps());
        }
    }

    @Test
    void forwardBackwardLeavesParametersAndGradientsClean() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(2).optChannels(2, 4).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 4, 4, 4));
            NDArray before = net.getParameters().valueAt(0).getArray().duplicate();
            OptimizationStep step = new OptimizationStep(net, new AdamW(1e-2f, 0f), new DiceCrossEntropyLoss(true), m, 0);
            float[] image = m.randomNormal(new Shape(64)).toFloatArray();
            int arrays = m.getManagedArrays().size();
            double loss = step.forwardBackward(new Batch(image, new byte[64], 1, new int[] {4, 4, 4}), new float[] {1, 1});
            assertNotEquals(0.0, loss);
            assertEquals(arrays, m.getManagedArrays().size(), "forwardBackward leaked arrays");
            assertEquals(before, net.getParameters().valueAt(0).getArray());
            for (var p : net.getParameters().values()) assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat());
            assertEquals(0, step.optimizer().steps());
        }
    }
}

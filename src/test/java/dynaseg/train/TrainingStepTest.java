package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dynaseg.data.Batch;
import dynaseg.nn.UNet3D;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    @Test
    void stepsFreeTheirArraysAndLowerTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(3).optChannels(4, 8).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
            TrainingStep step = new TrainingStep(net, new AdamW(1e-2f, 0f), TrainingStep::diceCrossEntropy, m);
            float[] image = new float[512];
            byte[] labels = new byte[512];
            for (int i = 0; i < 512; i++) {
                labels[i] = (byte) (i < 128 ? 1 : i > 400 ? 2 : 0);
                image[i] = labels[i] * 0.4f;
            }
            Batch batch = new Batch(image, labels, 1, new int[] {8, 8, 8});
            float first = step.run(batch);
            int arraysAfterFirst = m.getManagedArrays().size(); // parameters + optimizer moments
            float last = first;
            for (int i = 0; i < 20; i++) last = step.run(batch);
            assertEquals(arraysAfterFirst, m.getManagedArrays().size(), "a step leaked arrays");
            assertTrue(last < first * 0.8, "loss " + first + " -> " + last);
            assertEquals(21, step.optimizer().steps());
        }
    }

    @Test
    void forwardBackwardLeavesParametersAndGradientsClean() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(2).optChannels(2, 4).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 4, 4, 4));
            NDArray before = net.getParameters().valueAt(0).getArray().duplicate();
            TrainingStep step = new TrainingStep(net, new AdamW(1e-2f, 0f), TrainingStep::diceCrossEntropy, m);
            float loss = step.forwardBackward(m.randomNormal(new Shape(1, 1, 4, 4, 4)), m.zeros(new Shape(1, 4, 4, 4), DataType.INT32));
            assertNotEquals(0f, loss);
            assertEquals(before, net.getParameters().valueAt(0).getArray());
            for (var p : net.getParameters().values()) assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat());
        }
    }

    @Test
    void diceCrossEntropyOfAPerfectConfidentPredictionIsNearZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray labels = m.create(new int[] {0, 1, 2, 1, 0, 2, 2, 1}, new Shape(1, 2, 2, 2));
            NDArray oneHot = labels.expandDims(1).eq(m.arange(0, 3, 1, DataType.INT32).reshape(1, 3, 1, 1, 1)).toType(DataType.FLOAT32, false);
            float perfect = TrainingStep.diceCrossEntropy(oneHot.mul(50), labels).getFloat();
            float uniform = TrainingStep.diceCrossEntropy(m.zeros(new Shape(1, 3, 2, 2, 2)), labels).getFloat();
            assertEquals(0f, perfect, 1e-4f);
            // uniform softmax: CE = ln 3; Dice per class = 2*(n_c/3) / (8/3 + n_c), n = (2, 3, 3)
            double dice = (2 * 2 / 3.0 / (8 / 3.0 + 2) + 2 * 2 * (3 / 3.0) / (8 / 3.0 + 3)) / 3;
            assertEquals(1 - dice + Math.log(3), uniform, 1e-4);
        }
    }
}

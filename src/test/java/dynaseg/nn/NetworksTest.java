package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import dynaseg.data.sampling.Batch;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.train.AdamW;
import dynaseg.train.OptimizationStep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworksTest {

    @Test
    void createsUNet3DWithPresetOrGivenChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D paper = (UNet3D) Networks.create("unet3d", "paper", 1, 14, null);
            assertArrayEquals(new int[] {32, 64, 128, 256}, paper.channels());
            UNet3D cpu = (UNet3D) Networks.create("UNet3D", "cpu", 2, 5, null);
            assertArrayEquals(Networks.defaultUnetChannels("cpu"), cpu.channels());
            assertEquals(2, cpu.inChannels());
            UNet3D given = (UNet3D) Networks.create("unet3d", "cpu", 1, 3, new int[] {4, 8});
            Networks.initialize(given, m, 1, 8);
            assertTrue(Networks.parameterCount(given) > 0);
            assertEquals(96, Networks.defaultPatch("unetr", "paper"));
            assertEquals(64, Networks.defaultPatch("unet3d", "cpu"));
        }
        assertThrows(IllegalArgumentException.class, () -> Networks.create("unet3d", "cpu", 1, 2, null, 36));
        var e = assertThrows(IllegalArgumentException.class, () -> Networks.create("vnet", "cpu", 1, 2, null));
        assertTrue(e.getMessage().contains("vnet"));
        assertThrows(IllegalArgumentException.class, () -> Networks.create("unet3d", "gpu", 1, 2, null));
        assertArrayEquals(new int[] {16, 32, 64, 128}, Networks.parseChannels("16,32, 64,128"));
        assertThrows(IllegalArgumentException.class, () -> Networks.parseChannels("16,x"));
    }

    @Test
    void everyModelAndPresetIsKnownAndCpuPresetsRunAt32() {
        for (String model : Networks.MODELS) {
            for (String preset : Networks.PRESETS) {
                assertTrue(Networks.defaultPatch(model, preset) % 16 == 0);
            }
            try (NDManager m = NDManager.newBaseManager()) {
                Block net = Networks.create(model, "cpu", 1, 3, null, 32);
                Networks.initialize(net, m, 1, 32);
                NDArray y = NnTestSupport.forward(net, m, m.randomNormal(new Shape(1, 1, 32, 32, 32)), false);
                assertEquals(new Shape(1, 3, 32, 32, 32), y.getShape(), model);
            }
        }
    }

    @Test
    void savedAndLoadedNetworkGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = Networks.create("unet3d", "cpu", 1, 4, new int[] {4, 8, 8});
            Networks.initialize(a, m, 1, 16);
            Shape in = new Shape(1, 1, 16, 16, 16);
            NDArray x = NnTestSupport.random(m, in, 3);
            // move the parameters away from their initial values so that a no-op load would fail
            new OptimizationStep(a, new AdamW(1e-2f, 0f), new DiceCrossEntropyLoss(true), m, 0)
                    .run(randomBatch(x.toFloatArray(), 4, 16), new float[] {1, 1, 1, 1}, 1e-2);
            Path file = dir.resolve("net.params");
            Networks.save(a, file);
            assertTrue(Files.size(file) > 0);
            assertEquals(1, Files.list(dir).count(), "no temp file left behind");

            Block b = Networks.create("unet3d", "cpu", 1, 4, new int[] {4, 8, 8});
            Networks.initialize(b, m, 1, 16);
            float[] before = NnTestSupport.forward(b, m, x, false).toFloatArray();
            Networks.load(b, file, m);
            float[] ya = NnTestSupport.forward(a, m, x, false).toFloatArray();
            float[] yb = NnTestSupport.forward(b, m, x, false).toFloatArray();
            assertArrayEquals(ya, yb, 0f);
            assertTrue(NnTestSupport.maxAbsDiff(ya, before) > 1e-3f);

            Block other = Networks.create("unet3d", "cpu", 1, 4, new int[] {4, 16, 8});
            Networks.initialize(other, m, 1, 16);
            var e = assertThrows(java.io.IOException.class, () -> Networks.load(other, file, m));
            assertTrue(e.getMessage().contains(file.toString()));
        }
    }

    @Test
    void aLoadedNetworkTrainsOnAtOnce(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = Networks.create("unet3d", "cpu", 1, 3, new int[] {4, 8});
            Networks.initialize(a, m, 1, 8);
            Path file = dir.resolve("net.params");
            Networks.save(a, file);
            Block b = Networks.create("unet3d", "cpu", 1, 3, new int[] {4, 8});
            Networks.initialize(b, m, 1, 8);
            Networks.load(b, file, m);
            NDArray x = NnTestSupport.random(m, new Shape(1, 1, 8, 8, 8), 5);
            NDArray labels = m.randomInteger(0, 3, new Shape(1, 8, 8, 8), DataType.INT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(new DiceCrossEntropyLoss(true).compute(NnTestSupport.forward(b, m, x, true), labels));
            }
            int count = 0;
            for (var pair : b.getParameters()) {
                NDArray grad = pair.getValue().getArray().getGradient();
                assertNotNull(grad, pair.getKey());
                assertTrue(grad.abs().sum().getFloat() > 0, "zero gradient for " + pair.getKey());
                count++;
            }
            assertEquals(a.getParameters().size(), count);
        }
    }

    private static Batch randomBatch(float[] image, int classes, int edge) {
        java.util.Random r = new java.util.Random(11);
        byte[] labels = new byte[image.length];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) r.nextInt(classes);
        return new Batch(image, labels, 1, new int[] {edge, edge, edge});
    }

}

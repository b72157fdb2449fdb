package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class UNet3DTest {

    @Test
    void outputShapesForSeveralSizesAndClassCounts() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[][] cases = {{3, 16, 16, 16, 1}, {5, 8, 16, 24, 2}, {14, 32, 16, 8, 1}};
            for (int[] c : cases) {
                UNet3D net = UNet3D.builder().setNumClasses(c[0]).optInChannels(c[4]).optChannels(4, 8, 8, 16).build();
                Shape in = new Shape(2, c[4], c[1], c[2], c[3]);
                net.initialize(m, DataType.FLOAT32, in);
                NDArray y = NnTestSupport.forward(net, m, NnTestSupport.random(m, in, 1), false);
                assertEquals(new Shape(2, c[0], c[1], c[2], c[3]), y.getShape());
            }
            UNet3D twoLevels = UNet3D.builder().setNumClasses(2).optChannels(4, 8).build();
            twoLevels.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 10, 2));
            assertEquals(new Shape(1, 2, 6, 10, 2), NnTestSupport.forward(twoLevels, m, m.ones(new Shape(1, 1, 6, 10, 2)), false).getShape());
        }
    }

    @Test
    void gradientsDoNotDependOnGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = Networks.create("unet3d", "cpu", 1, 3, null, 32);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 32, 32, 32));
            SegmentationNetworkContract.assertGradientsIgnoreGarbageCollection(net, m, 32);
        }
    }

    @Test
    void rejectsSizesThatDoNotHalveEvenly() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(2).optChannels(4, 8, 16).build();
            assertThrows(IllegalArgumentException.class, () -> net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16, 10)));
        }
        assertThrows(IllegalArgumentException.class, () -> UNet3D.builder().setNumClasses(2).optChannels(8).build());
    }

    @Test
    void everyParameterGetsANonZeroGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(3).optChannels(4, 8, 16).build();
            Shape in = new Shape(1, 1, 16, 16, 16);
            net.initialize(m, DataType.FLOAT32, in);
            NDArray labels = m.randomInteger(0, 3, new Shape(1, 16, 16, 16), DataType.INT32);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = NnTestSupport.forward(net, m, NnTestSupport.random(m, in, 2), true);
                gc.backward(new DiceCrossEntropyLoss(true).compute(logits, labels));
            }
            int count = 0;
            for (var pair : net.getParameters()) {
                float g = pair.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(g > 0, "zero gradient for " + pair.getKey());
                count++;
            }
            // 3 levels x 2 convs x 3 + 2 decoder levels x (2 up + 2 convs x 3) + 2 head
            assertEquals(18 + 2 * 8 + 2, count);
        }
    }

    @Test
    void parameterCountEqualsTorchTwin() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(14).optChannels(16, 32, 64, 128).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16, 16));
            long count = net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // counted by bench/torch_unet3d.py's UNet3D (ConvTranspose3d with bias, 1x1x1 head with bias)
            assertEquals(1_401_486L, count);
        }
    }

    @Test
    void matchesTorchTwinForward() {
        PythonPeer.require("torch", "numpy");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(3).optChannels(4, 8, 8).build();
            Shape in = new Shape(1, 1, 8, 8, 8);
            net.initialize(m, DataType.FLOAT32, in);
            // all parameters in DJL order, up-sampler weights converted to ConvTranspose3d's layout
            StringBuilder names = new StringBuilder();
            java.util.List<Float> all = new java.util.ArrayList<>();
            for (var pair : net.getParameters()) {
                NDArray w = pair.getValue().getArray();
                float[] v = w.toFloatArray();
                if (pair.getKey().contains("up") && pair.getKey().endsWith("conv_weight")) {
                    long cout = w.getShape().get(0) / 8;
                    long cin = w.getShape().get(1);
                    float[] t = new float[v.length];
                    for (int i = 0; i < cin; i++)
                        for (int o = 0; o < cout; o++)
                            for (int k = 0; k < 8; k++) t[(int) ((i * cout + o) * 8 + k)] = v[(int) ((o * 8 + k) * cin + i)];
                    v = t;
                }
                names.append(pair.getKey()).append(' ');
                for (float f : v) all.add(f);
            }
            float[] flat = new float[all.size()];
            for (int i = 0; i < flat.length; i++) flat[i] = all.get(i);
            float[] x = NnTestSupport.randomFloats(in.size(), 4);
            float[] y = NnTestSupport.forward(net, m, m.create(x, in), false).toFloatArray();
            Path pp = NnTestSupport.writeFloats(flat);
            Path px = NnTestSupport.writeFloats(x);
            Path py = Path.of(px + ".y");
            String twin = Path.of("bench/torch_unet3d.py").toAbsolutePath().toString();
            // DJL lists per decoder level the up-sampler (bias, then conv weight) and then its convs;
            // the peer copies the flat values into torch's parameters in that order.
            PythonPeer.run(String.join("\n",
                    "import sys, importlib.util, numpy as np, torch",
                    "spec = importlib.util.spec_from_file_location('twin', sys.argv[1]); twin = importlib.util.module_from_spec(spec); spec.loader.exec_module(twin)",
                    "net = twin.UNet3D(1, 3, [4, 8, 8])",
                    "flat = np.fromfile(sys.argv[2], dtype='<f4'); names = sys.argv[5].split()",
                                        "order = [p for e in net.enc for p in e.parameters()]",
                    "for up, dec in zip(net.up, net.dec): order += [up.bias, up.weight] + list(dec.parameters())",
                    "order += list(net.head.parameters())",
                    "assert len(order) == len(names), (len(order), len(names))",
                    "off = 0",
                    "with torch.no_grad():",
                    "    for p in order:",
                    "        n = p.numel(); p.copy_(torch.tensor(flat[off:off+n]).reshape(p.shape)); off += n",
                    "assert off == flat.size",
                    "x = torch.tensor(np.fromfile(sys.argv[3], dtype='<f4').reshape(1,1,8,8,8))",
                    "with torch.no_grad(): net(x).numpy().astype('<f4').tofile(sys.argv[4])"),
                    twin, pp.toString(), px.toString(), py.toString(), names.toString());
            assertArrayEquals(NnTestSupport.readFloats(py), y, 2e-4f);
            py.toFile().delete();
        }
    }
}

package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UpSample2xTest {
    static final int N = 2, CIN = 3, COUT = 4, D = 3, H = 2, W = 5;

    /** ConvTranspose3d(k=2, s=2) by its definition: every input voxel paints one 2x2x2 output cell. */
    static float[] naiveTransposedConv(float[] x, float[] wt, float[] bias) {
        int od = 2 * D, oh = 2 * H, ow = 2 * W;
        float[] y = new float[N * COUT * od * oh * ow];
        for (int n = 0; n < N; n++)
            for (int o = 0; o < COUT; o++)
                for (int z = 0; z < od; z++)
                    for (int yy = 0; yy < oh; yy++)
                        for (int xx = 0; xx < ow; xx++) {
                            double s = bias[o];
                            int a = z % 2, b = yy % 2, c = xx % 2;
                            for (int i = 0; i < CIN; i++) {
                                float xv = x[(((n * CIN + i) * D + z / 2) * H + yy / 2) * W + xx / 2];
                                s += xv * wt[(((i * COUT + o) * 2 + a) * 2 + b) * 2 + c];
                            }
                            y[(((n * COUT + o) * od + z) * oh + yy) * ow + xx] = (float) s;
                        }
        return y;
    }

    /** ConvTranspose3d's weight (Cin, Cout, 2, 2, 2) read from the 1x1x1 kernel (8*Cout, Cin, 1, 1, 1). */
    static float[] toTransposedLayout(float[] conv) {
        float[] wt = new float[CIN * COUT * 8];
        for (int i = 0; i < CIN; i++)
            for (int o = 0; o < COUT; o++)
                for (int k = 0; k < 8; k++) wt[(i * COUT + o) * 8 + k] = conv[(o * 8 + k) * CIN + i];
        return wt;
    }

    private record Result(float[] x, float[] conv, float[] bias, float[] y) {}

    private static Result run(NDManager m) {
        Shape in = new Shape(N, CIN, D, H, W);
        UpSample2x up = UpSample2x.builder().setChannels(COUT).build();
        NnTestSupport.initialize(up, m, in);
        float[] conv = NnTestSupport.randomFloats(8L * COUT * CIN, 5);
        float[] bias = {0.5f, -0.25f, 1f, 0f};
        NnTestSupport.param(up, "conv_weight").set(conv);
        NnTestSupport.param(up, "bias").set(bias);
        float[] x = NnTestSupport.randomFloats(in.size(), 6);
        NDArray y = NnTestSupport.forward(up, m, m.create(x, in), false);
        assertEquals(new Shape(N, COUT, 2 * D, 2 * H, 2 * W), y.getShape());
        return new Result(x, conv, bias, y.toFloatArray());
    }

    @Test
    void equalsNaiveTransposedConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            Result r = run(m);
            assertArrayEquals(naiveTransposedConv(r.x, toTransposedLayout(r.conv), r.bias), r.y, 1e-5f);
        }
    }

    @Test
    void equalsTorchConvTranspose3d() {
        PythonPeer.require("torch", "numpy");
        try (NDManager m = NDManager.newBaseManager()) {
            Result r = run(m);
            Path px = NnTestSupport.writeFloats(r.x);
            Path pw = NnTestSupport.writeFloats(toTransposedLayout(r.conv));
            Path pb = NnTestSupport.writeFloats(r.bias);
            Path py = Path.of(px + ".y");
            PythonPeer.run(String.join("\n",
                    "import sys, numpy as np, torch",
                    "f = lambda p, s: torch.tensor(np.fromfile(p, dtype='<f4').reshape(s))",
                    "x = f(sys.argv[1], (" + N + "," + CIN + "," + D + "," + H + "," + W + "))",
                    "w = f(sys.argv[2], (" + CIN + "," + COUT + ",2,2,2))",
                    "b = f(sys.argv[3], (" + COUT + ",))",
                    "torch.nn.functional.conv_transpose3d(x, w, b, stride=2).numpy().astype('<f4').tofile(sys.argv[4])"),
                    px.toString(), pw.toString(), pb.toString(), py.toString());
            assertArrayEquals(NnTestSupport.readFloats(py), r.y, 1e-5f);
            py.toFile().delete();
        }
    }

    @Test
    void hasConvTransposeParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            UpSample2x up = UpSample2x.builder().setChannels(7).build();
            NnTestSupport.initialize(up, m, new Shape(1, 5, 2, 2, 2));
            long count = up.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(5 * 7 * 8 + 7, count);
            UpSample2x noBias = UpSample2x.builder().setChannels(7).optBias(false).build();
            NnTestSupport.initialize(noBias, m, new Shape(1, 5, 2, 2, 2));
            assertEquals(1, noBias.getParameters().size());
        }
    }
}

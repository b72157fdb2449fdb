package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceNorm3dTest {

    /** Per (n, c): (x - mean) / sqrt(biased var + eps) * gamma[c] + beta[c]. */
    static float[] naive(float[] x, int n, int c, int vox, float[] gamma, float[] beta) {
        float[] y = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int off = (i * c + ch) * vox;
                double mean = 0;
                for (int v = 0; v < vox; v++) mean += x[off + v];
                mean /= vox;
                double var = 0;
                for (int v = 0; v < vox; v++) var += (x[off + v] - mean) * (x[off + v] - mean);
                var /= vox;
                double inv = 1 / Math.sqrt(var + 1e-5);
                for (int v = 0; v < vox; v++) y[off + v] = (float) ((x[off + v] - mean) * inv * gamma[ch] + beta[ch]);
            }
        }
        return y;
    }

    @Test
    void equalsNaiveLoopWithAffine() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 3, 4, 5, 6);
            InstanceNorm3d norm = InstanceNorm3d.builder().build();
            NnTestSupport.initialize(norm, m, shape);
            float[] gamma = {0.5f, -1.5f, 2f};
            float[] beta = {0.1f, 0.2f, -0.3f};
            norm.getParameters().get("gamma").getArray().set(gamma);
            norm.getParameters().get("beta").getArray().set(beta);
            float[] x = NnTestSupport.randomFloats(shape.size(), 1);
            for (int i = 0; i < x.length; i++) x[i] = x[i] * 3 + (i / 120) ; // different mean per (n, c)
            NDArray y = NnTestSupport.forward(norm, m, m.create(x, shape), false);
            assertEquals(shape, y.getShape());
            float[] expected = naive(x, 2, 3, 120, gamma, beta);
            assertArrayEquals(expected, y.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void equalsTorchInstanceNorm3dInTrainingIncludingGradients() {
        PythonPeer.require("torch", "numpy");
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 4, 3, 5, 4);
            InstanceNorm3d norm = InstanceNorm3d.builder().build();
            NnTestSupport.initialize(norm, m, shape);
            float[] gamma = {0.5f, -1.5f, 2f, 1f};
            float[] beta = {0.1f, 0.2f, -0.3f, 0f};
            norm.getParameters().get("gamma").getArray().set(gamma);
            norm.getParameters().get("beta").getArray().set(beta);
            float[] x = NnTestSupport.randomFloats(shape.size(), 2);
            float[] w = NnTestSupport.randomFloats(shape.size(), 3); // loss = sum(y * w)
            NDArray xa = m.create(x, shape);
            float[] y;
            float[] gGamma;
            float[] gX;
            try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                xa.setRequiresGradient(true);
                NDArray out = NnTestSupport.forward(norm, m, xa, true);
                y = out.toFloatArray();
                gc.backward(out.mul(m.create(w, shape)).sum());
            }
            gGamma = norm.getParameters().get("gamma").getArray().getGradient().toFloatArray();
            gX = xa.getGradient().toFloatArray();
            Path px = NnTestSupport.writeFloats(x);
            Path pw = NnTestSupport.writeFloats(w);
            String out = PythonPeer.run(String.join("\n",
                    "import sys, numpy as np, torch",
                    "x = torch.tensor(np.fromfile(sys.argv[1], dtype='<f4').reshape(2,4,3,5,4), requires_grad=True)",
                    "w = torch.tensor(np.fromfile(sys.argv[2], dtype='<f4').reshape(2,4,3,5,4))",
                    "n = torch.nn.InstanceNorm3d(4, affine=True)",
                    "with torch.no_grad():",
                    "    n.weight.copy_(torch.tensor([0.5,-1.5,2.0,1.0])); n.bias.copy_(torch.tensor([0.1,0.2,-0.3,0.0]))",
                    "y = n(x); (y*w).sum().backward()",
                    "y.detach().numpy().astype('<f4').tofile(sys.argv[3])",
                    "n.weight.grad.numpy().astype('<f4').tofile(sys.argv[4])",
                    "x.grad.numpy().astype('<f4').tofile(sys.argv[5])"),
                    px.toString(), pw.toString(), px + ".y", px + ".gg", px + ".gx");
            assertTrue(out.isEmpty() || out.isBlank());
            assertArrayEquals(NnTestSupport.readFloats(Path.of(px + ".y")), y, 1e-4f);
            assertArrayEquals(NnTestSupport.readFloats(Path.of(px + ".gg")), gGamma, 1e-3f);
            assertArrayEquals(NnTestSupport.readFloats(Path.of(px + ".gx")), gX, 1e-4f);
            for (String suffix : new String[] {".y", ".gg", ".gx"}) Files.deleteIfExists(Path.of(px + suffix));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dynaseg.testutil.NativeMemoryChurn;
import dynaseg.train.AdamW;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Self-attention and the transformer block against naive loops over plain arrays. */
class MultiHeadSelfAttentionTest {
    private static final int N = 2;
    private static final int T = 7;
    private static final int HIDDEN = 12;
    private static final int HEADS = 3;

    @Test
    void attentionEqualsNaiveLoop() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attention = MultiHeadSelfAttention.builder().setHiddenSize(HIDDEN).setHeads(HEADS).build();
            attention.initialize(manager, DataType.FLOAT32, new Shape(N, T, HIDDEN));
            float[] x = gaussian(N * T * HIDDEN, 3);
            NDArray out = attention.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(N, T, HIDDEN))), false).head();
            assertArrayEquals(naiveAttention(attention, x), out.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void transformerBlockEqualsNaivePreNormComposition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int mlp = 10;
            TransformerBlock block = TransformerBlock.builder().setHiddenSize(HIDDEN).setMlpDim(mlp).setHeads(HEADS).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(N, T, HIDDEN));
            float[] x = gaussian(N * T * HIDDEN, 5);
            NDArray out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(N, T, HIDDEN))), false).head();

            float[] h = add(x, naiveAttention(BlockAccess.child(block, "mixer"), layerNorm(x, block, "mixerNorm")));
            Block m = BlockAccess.child(block, "mlp");
            float[] inner = linear(layerNorm(h, block, "mlpNorm"), N * T, HIDDEN,
                    weight(BlockAccess.child(m, "expand")), bias(BlockAccess.child(m, "expand")), mlp);
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (float) (0.5 * inner[i] * (1 + erf(inner[i] / Math.sqrt(2))));
            }
            float[] expected = add(h, linear(inner, N * T, mlp,
                    weight(BlockAccess.child(m, "contract")), bias(BlockAccess.child(m, "contract")), HIDDEN));
            assertArrayEquals(expected, out.toFloatArray(), 1e-4f);
        }
    }

    /** The 1/sqrt(d) scaling once read freed memory in backward (see Scalars): gradients changed with the GC. */
    @Test
    void gradientsDoNotDependOnGarbageCollection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiHeadSelfAttention attention = MultiHeadSelfAttention.builder().setHiddenSize(HIDDEN).setHeads(HEADS).build();
            attention.initialize(manager, DataType.FLOAT32, new Shape(N, T, HIDDEN));
            float[] x = gaussian(N * T * HIDDEN, 11);
            float[] quiet = inputGradient(attention, manager, x, false);
            for (int rep = 0; rep < 5; rep++) {
                assertArrayEquals(quiet, inputGradient(attention, manager, x, true), "repetition " + rep);
            }
        }
    }

    private static float[] inputGradient(Block attention, NDManager manager, float[] x, boolean churn) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(x, new Shape(N, T, HIDDEN));
            in.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = attention.forward(new ParameterStore(m, false), new NDList(in), true).head();
                NDArray loss = out.mul(out).sum();
                if (churn) NativeMemoryChurn.run();
                gc.backward(loss);
            }
            AdamW.zeroGradients(attention);
            return in.getGradient().toFloatArray();
        }
    }

    @Test
    void rejectsHeadsThatDoNotDivideHidden() {
        assertThrows(IllegalArgumentException.class,
                () -> MultiHeadSelfAttention.builder().setHiddenSize(10).setHeads(3).build());
    }

    private static float[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static float[] add(float[] a, float[] b) {
        float[] c = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }

    private static float[] weight(Block linear) {
        return linear.getParameters().get("weight").getArray().toFloatArray();
    }

    private static float[] bias(Block linear) {
        return linear.getParameters().contains("bias") ? linear.getParameters().get("bias").getArray().toFloatArray() : null;
    }

    private static float[] linear(float[] x, int rows, int in, float[] w, float[] b, int out) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    private static float[] layerNorm(float[] x, Block block, String name) {
        Block norm = BlockAccess.child(block, name);
        float[] gamma = norm.getParameters().get("gamma").getArray().toFloatArray();
        float[] beta = norm.getParameters().get("beta").getArray().toFloatArray();
        float[] y = new float[x.length];
        for (int r = 0; r < x.length / HIDDEN; r++) {
            double mean = 0;
            double var = 0;
            for (int i = 0; i < HIDDEN; i++) {
                mean += x[r * HIDDEN + i] / (double) HIDDEN;
            }
            for (int i = 0; i < HIDDEN; i++) {
                var += Math.pow(x[r * HIDDEN + i] - mean, 2) / HIDDEN;
            }
            for (int i = 0; i < HIDDEN; i++) {
                y[r * HIDDEN + i] = (float) ((x[r * HIDDEN + i] - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i]);
            }
        }
        return y;
    }

    /** softmax(q k^T / sqrt(d)) v per head with the (qkv, head, d) feature order, then the output Linear. */
    private static float[] naiveAttention(Block attention, float[] x) {
        int d = HIDDEN / HEADS;
        float[] qkv = linear(x, N * T, HIDDEN, weight(BlockAccess.child(attention, "qkv")),
                bias(BlockAccess.child(attention, "qkv")), 3 * HIDDEN);
        float[] mixed = new float[N * T * HIDDEN];
        for (int b = 0; b < N; b++) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < T; i++) {
                    double[] logits = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < T; j++) {
                        double s = 0;
                        for (int e = 0; e < d; e++) {
                            s += qkv[(b * T + i) * 3 * HIDDEN + h * d + e] * qkv[(b * T + j) * 3 * HIDDEN + HIDDEN + h * d + e];
                        }
                        logits[j] = s / Math.sqrt(d);
                        max = Math.max(max, logits[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < T; j++) {
                        logits[j] = Math.exp(logits[j] - max);
                        sum += logits[j];
                    }
                    for (int e = 0; e < d; e++) {
                        double s = 0;
                        for (int j = 0; j < T; j++) {
                            s += logits[j] / sum * qkv[(b * T + j) * 3 * HIDDEN + 2 * HIDDEN + h * d + e];
                        }
                        mixed[(b * T + i) * HIDDEN + h * d + e] = (float) s;
                    }
                }
            }
        }
        Block output = BlockAccess.child(attention, "output");
        return linear(mixed, N * T, HIDDEN, weight(output), bias(output), HIDDEN);
    }

    /** Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7), for the exact GELU. */
    private static double erf(double z) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(z));
        double ans = 1 - t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886187 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? ans : -ans;
    }
}

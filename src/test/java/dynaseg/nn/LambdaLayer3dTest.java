package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lambda layer against a naive per-position loop over plain arrays that reads the layer's parameters. */
class LambdaLayer3dTest {
    private static final int N = 2;
    private static final int GD = 3;
    private static final int GH = 4;
    private static final int GW = 5;
    private static final int T = GD * GH * GW;
    private static final int DIM = 8;
    private static final int K = 4;
    private static final int U = 2;
    private static final int HEADS = 2;
    private static final int V = 3;
    private static final int R = 3;
    private static final float EPS = 1e-5f;

    @Test
    void inferenceModeEqualsNaiveLoop() {
        compareWithNaive(false);
    }

    @Test
    void trainingModeEqualsNaiveLoopWithBatchStatistics() {
        compareWithNaive(true);
    }

    @Test
    void rejectsEvenReceptiveField() {
        assertThrows(IllegalArgumentException.class,
                () -> LambdaLayer3d.builder().setGrid(2, 2, 2).setOutputDim(8).optReceptiveField(4).build());
    }

    private void compareWithNaive(boolean training) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LambdaLayer3d layer = LambdaLayer3d.builder().setGrid(GD, GH, GW).setOutputDim(HEADS * V)
                    .optKeyDim(K).optIntraDepth(U).optHeads(HEADS).optReceptiveField(R).build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(N, T, DIM));
            Random random = new Random(7);
            // non-trivial norm parameters and running statistics so that every term of BN is exercised
            for (String norm : new String[] {"queryNorm", "valueNorm"}) {
                Block bn = BlockAccess.child(layer, norm);
                randomize(bn, "gamma", random, 0.5f, 1.5f);
                randomize(bn, "beta", random, -0.5f, 0.5f);
                randomize(bn, "runningMean", random, -0.3f, 0.3f);
                randomize(bn, "runningVar", random, 0.5f, 2f);
            }

            float[] x = new float[N * T * DIM];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] expected = naive(layer, x, training);
            NDArray input = manager.create(x, new Shape(N, T, DIM));
            NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(input), training).head();
            assertEquals(new Shape(N, T, HEADS * V), out.getShape());
            assertArrayEquals(expected, out.toFloatArray(), 1e-4f);
        }
    }

    private static void randomize(Block block, String name, Random random, float lo, float hi) {
        NDArray array = block.getParameters().get(name).getArray();
        float[] values = new float[(int) array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + (hi - lo) * random.nextFloat();
        }
        array.set(values);
    }

    private static float[] param(Block layer, String child, String name) {
        return BlockAccess.child(layer, child).getParameters().get(name).getArray().toFloatArray();
    }

    /** y = x W^T for (rows, in) x and (out, in) W. */
    private static float[] linear(float[] x, int rows, int in, float[] w, int out) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    /** Per-feature batch norm of (rows, c) with running or batch statistics (biased variance). */
    private static float[] batchNorm(Block layer, String child, float[] y, int rows, int c, boolean training) {
        float[] gamma = param(layer, child, "gamma");
        float[] beta = param(layer, child, "beta");
        float[] mean = param(layer, child, "runningMean");
        float[] var = param(layer, child, "runningVar");
        if (training) {
            mean = new float[c];
            var = new float[c];
            for (int f = 0; f < c; f++) {
                double s = 0;
                double s2 = 0;
                for (int r = 0; r < rows; r++) {
                    s += y[r * c + f];
                }
                double m = s / rows;
                for (int r = 0; r < rows; r++) {
                    s2 += (y[r * c + f] - m) * (y[r * c + f] - m);
                }
                mean[f] = (float) m;
                var[f] = (float) (s2 / rows);
            }
        }
        float[] out = new float[y.length];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < c; f++) {
                out[r * c + f] = (float) ((y[r * c + f] - mean[f]) / Math.sqrt(var[f] + EPS) * gamma[f] + beta[f]);
            }
        }
        return out;
    }

    private static float[] naive(Block layer, float[] x, boolean training) {
        float[] q = batchNorm(layer, "queryNorm",
                linear(x, N * T, DIM, param(layer, "toQueries", "weight"), HEADS * K), N * T, HEADS * K, training);
        float[] keysRaw = linear(x, N * T, DIM, param(layer, "toKeys", "weight"), U * K);
        float[] v = batchNorm(layer, "valueNorm",
                linear(x, N * T, DIM, param(layer, "toValues", "weight"), U * V), N * T, U * V, training);
        float[] e = layer.getParameters().get("positionEmbedding").getArray().toFloatArray(); // (R, R, R, U, K)
        int p = R / 2;
        float[] y = new float[N * T * HEADS * V];
        for (int b = 0; b < N; b++) {
            // keys: softmax over positions for each (u, k)
            double[][][] keys = new double[T][U][K];
            for (int u = 0; u < U; u++) {
                for (int k = 0; k < K; k++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int m = 0; m < T; m++) {
                        max = Math.max(max, keysRaw[(b * T + m) * U * K + u * K + k]);
                    }
                    double sum = 0;
                    for (int m = 0; m < T; m++) {
                        keys[m][u][k] = Math.exp(keysRaw[(b * T + m) * U * K + u * K + k] - max);
                        sum += keys[m][u][k];
                    }
                    for (int m = 0; m < T; m++) {
                        keys[m][u][k] /= sum;
                    }
                }
            }
            double[][] contentLambda = new double[K][V];
            for (int m = 0; m < T; m++) {
                for (int u = 0; u < U; u++) {
                    for (int k = 0; k < K; k++) {
                        for (int c = 0; c < V; c++) {
                            contentLambda[k][c] += keys[m][u][k] * v[(b * T + m) * U * V + u * V + c];
                        }
                    }
                }
            }
            for (int z = 0; z < GD; z++) {
                for (int yy = 0; yy < GH; yy++) {
                    for (int xx = 0; xx < GW; xx++) {
                        int n = (z * GH + yy) * GW + xx;
                        double[][] lambda = new double[K][V];
                        for (int k = 0; k < K; k++) {
                            for (int c = 0; c < V; c++) {
                                lambda[k][c] = contentLambda[k][c];
                            }
                        }
                        for (int dz = -p; dz <= p; dz++) {
                            for (int dy = -p; dy <= p; dy++) {
                                for (int dx = -p; dx <= p; dx++) {
                                    int mz = z + dz;
                                    int my = yy + dy;
                                    int mx = xx + dx;
                                    if (mz < 0 || my < 0 || mx < 0 || mz >= GD || my >= GH || mx >= GW) {
                                        continue;
                                    }
                                    int m = (mz * GH + my) * GW + mx;
                                    for (int k = 0; k < K; k++) {
                                        for (int u = 0; u < U; u++) {
                                            float w = e[((((dz + p) * R + dy + p) * R + dx + p) * U + u) * K + k];
                                            for (int c = 0; c < V; c++) {
                                                lambda[k][c] += w * v[(b * T + m) * U * V + u * V + c];
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        for (int h = 0; h < HEADS; h++) {
                            for (int c = 0; c < V; c++) {
                                double s = 0;
                                for (int k = 0; k < K; k++) {
                                    s += q[(b * T + n) * HEADS * K + h * K + k] * lambda[k][c];
                                }
                                y[(b * T + n) * HEADS * V + h * V + c] = (float) s;
                            }
                        }
                    }
                }
            }
        }
        return y;
    }
}

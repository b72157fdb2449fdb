package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * 3D lambda layer (Bello 2021, "LambdaNetworks: modeling long-range interactions without
 * attention"), with multi-query heads and local position lambdas, generalised from the paper's 2D
 * "lambda convolution" to a token grid of size gd x gh x gw.
 *
 * <p>From tokens x (N, T, dim): queries q = BN(x Wq) with |h| heads of |k| features, keys
 * K = softmax over the T positions of x Wk (|u| x |k| each), values V = BN(x Wv) (|u| x |v| each),
 * |v| = dimOut / |h|. The content lambda is lambda_c = sum_{m,u} K[m,u,:]^T V[m,u,:] (|k| x |v|,
 * shared by all positions); the position lambda of position n is
 * lambda_p[n] = sum_{m in the r^3 box around n, u} E[m - n, u, :]^T V[m,u,:] with learned relative
 * position embeddings E (r, r, r, |u|, |k|) (Bello's lambda convolution with zero padding, no bias).
 * Each head's output is q[n,h,:] (lambda_c + lambda_p[n]); heads are concatenated.
 *
 * <p>The position term is computed as q[n] . lambda_p[n] = sum_m (q[n] . E[m - n]) V[m]: E is
 * spread into a banded T x T relative-position matrix, contracted with the queries, then applied
 * to the values, all with matrix products. A Conv3d over the value features (the 2D reference
 * code's way, kept in bench/torch_unetr.py as {@code --lambda-impl conv}) gives the same numbers,
 * but libtorch 2.7.1's CPU backward of that single-input-channel convolution made a layer several
 * times slower here (about 250 ms against 30 ms for an 8^3 grid, 2 threads). The banded matrix
 * costs T^2 |u||k| floats (16 MB for an 8^3 grid, 190 MB for 12^3 with |k| = 16, |u| = 1),
 * shared by the batch.
 *
 * <p>Input (N, T, dim) with T = gd*gh*gw tokens in z-y-x order (x fastest); output (N, T, dimOut).
 * Batch norm uses batch statistics in training and running statistics otherwise.
 */
public final class LambdaLayer3d extends AbstractBlock {
    private final int[] grid;
    private final int keyDim;
    private final int heads;
    private final int intraDepth;
    private final int valueDim;
    private final int receptiveField;
    private final Linear toQueries;
    private final Linear toKeys;
    private final Linear toValues;
    private final BatchNorm queryNorm;
    private final BatchNorm valueNorm;
    private final Parameter positionEmbedding;

    private LambdaLayer3d(Builder b) {
        grid = b.grid.clone();
        keyDim = b.keyDim;
        heads = b.heads;
        intraDepth = b.intraDepth;
        valueDim = b.outputDim / b.heads;
        receptiveField = b.receptiveField;
        toQueries = addChildBlock("toQueries", Linears.of((long) keyDim * heads, false));
        toKeys = addChildBlock("toKeys", Linears.of((long) keyDim * intraDepth, false));
        toValues = addChildBlock("toValues", Linears.of((long) valueDim * intraDepth, false));
        queryNorm = addChildBlock("queryNorm", featureBatchNorm());
        valueNorm = addChildBlock("valueNorm", featureBatchNorm());
        int r = receptiveField;
        // PyTorch's default for a Conv3d(u -> k, r^3) kernel, the layer this embedding stands for
        float bound = (float) (1 / Math.sqrt((double) intraDepth * r * r * r));
        positionEmbedding = addParameter(Parameter.builder()
                .setName("positionEmbedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(r, r, r, intraDepth, keyDim))
                .optInitializer(new UniformInitializer(bound))
                .build());
    }

    private static BatchNorm featureBatchNorm() {
        return BatchNorm.builder().optAxis(2).optEpsilon(1e-5f).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int keyDim() {
        return keyDim;
    }

    public int heads() {
        return heads;
    }

    public int intraDepth() {
        return intraDepth;
    }

    public int valueDim() {
        return valueDim;
    }

    public int receptiveField() {
        return receptiveField;
    }

    /** The token grid (gd, gh, gw). */
    public int[] grid() {
        return grid.clone();
    }

    private int tokens() {
        return grid[0] * grid[1] * grid[2];
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.get(1) != tokens()) {
            throw new IllegalArgumentException("lambda layer built for " + tokens() + " tokens got input " + in);
        }
        toQueries.initialize(manager, dataType, in);
        toKeys.initialize(manager, dataType, in);
        toValues.initialize(manager, dataType, in);
        queryNorm.initialize(manager, dataType, toQueries.getOutputShapes(inputShapes));
        valueNorm.initialize(manager, dataType, toValues.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), (long) heads * valueDim)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        long n = x.getShape().get(0);
        long t = tokens();
        long u = intraDepth;
        NDArray q = queryNorm.forward(ps, toQueries.forward(ps, inputs, training, params), training, params).head()
                .reshape(n, t, heads, keyDim);
        NDArray keys = toKeys.forward(ps, inputs, training, params).head()
                .reshape(n, t, u, keyDim).softmax(1);
        NDArray values = valueNorm.forward(ps, toValues.forward(ps, inputs, training, params), training, params).head()
                .reshape(n, t * u, valueDim);

        // content lambda (N, k, v): sum over positions m and intra-depth u of K^T V
        NDArray contentLambda = keys.reshape(n, t * u, keyDim).transpose(0, 2, 1).matMul(values);
        NDArray content = q.reshape(n, t * heads, keyDim).matMul(contentLambda);

        // position term: weights[b, (n,h), (m,u)] = q[b,n,h,:] . E[m - n, u, :] (zero outside the r^3 box)
        NDArray banded = banded(x.getManager(), ps.getValue(positionEmbedding, x.getDevice(), training)).reshape(t, t * u, keyDim);
        NDArray queriesPerPosition = q.transpose(1, 3, 0, 2).reshape(t, keyDim, n * heads);
        NDArray weights = banded.matMul(queriesPerPosition)
                .reshape(t, t * u, n, heads).transpose(2, 0, 3, 1).reshape(n, t * heads, t * u);
        NDArray position = weights.matMul(values);

        return new NDList(content.add(position).reshape(n, t, (long) heads * valueDim));
    }

    /**
     * Spreads E (r, r, r, c) into the banded matrix P (T, T, c) with P[n, m] = E[m - n] inside the
     * r^3 box and 0 outside. The box is a product of one box per axis, so P is three small
     * products with constant one-hot offset matrices, one per axis, whose backward pass is again
     * matrix products (a gather's backward is a serial scatter-add in libtorch's CPU kernels).
     * The constants go to the input's manager, which the caller frees per step.
     */
    private NDArray banded(NDManager manager, NDArray embedding) {
        int r = receptiveField;
        long c = embedding.size() / ((long) r * r * r);
        NDArray sz = offsetMatrix(manager, grid[0], embedding);
        NDArray sy = offsetMatrix(manager, grid[1], embedding);
        NDArray sx = offsetMatrix(manager, grid[2], embedding);
        long gd = grid[0];
        long gh = grid[1];
        long gw = grid[2];
        // [dz, dy, dx, c] -> [dz, dy, (nx,mx), c] -> [dz, (ny,my), (nx,mx), c] -> [(nz,mz), (ny,my), (nx,mx), c]
        NDArray p = sx.matMul(embedding.reshape((long) r * r, r, c));
        p = sy.matMul(p.reshape(r, r, gw * gw * c));
        p = sz.matMul(p.reshape(r, gh * gh * gw * gw * c));
        return p.reshape(gd, gd, gh, gh, gw, gw, c).transpose(0, 2, 4, 1, 3, 5, 6).reshape(gd * gh * gw, gd * gh * gw, c);
    }

    /** One-hot (g*g, r) matrix: row (n, m) has a 1 at column m - n + r/2 when |m - n| <= r/2. */
    private NDArray offsetMatrix(NDManager manager, int g, NDArray like) {
        int r = receptiveField;
        int p = r / 2;
        float[] s = new float[g * g * r];
        for (int n = 0; n < g; n++) {
            for (int m = Math.max(0, n - p); m <= Math.min(g - 1, n + p); m++) {
                s[(n * g + m) * r + m - n + p] = 1f;
            }
        }
        return manager.create(s, new Shape((long) g * g, r)).toType(like.getDataType(), false).toDevice(like.getDevice(), false);
    }

    /** Builder: the grid and the output dim are required; the rest default to Lambda3D's settings. */
    public static final class Builder {
        private int[] grid;
        private int outputDim;
        private int keyDim = 16;
        private int heads = 4;
        private int intraDepth = 1;
        private int receptiveField = 7;

        /** Token grid (gd, gh, gw); the input must hold gd*gh*gw tokens in z-y-x order. */
        public Builder setGrid(int gd, int gh, int gw) {
            this.grid = new int[] {gd, gh, gw};
            return this;
        }

        /** Output token length = heads x value dim. */
        public Builder setOutputDim(int outputDim) {
            this.outputDim = outputDim;
            return this;
        }

        /** Query/key depth |k| (16). */
        public Builder optKeyDim(int keyDim) {
            this.keyDim = keyDim;
            return this;
        }

        /** Number of query heads |h| (4). */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Intra-depth |u| (1). */
        public Builder optIntraDepth(int intraDepth) {
            this.intraDepth = intraDepth;
            return this;
        }

        /** Edge r of the local context box of the position lambdas; odd (7). */
        public Builder optReceptiveField(int receptiveField) {
            this.receptiveField = receptiveField;
            return this;
        }

        public LambdaLayer3d build() {
            if (grid == null || grid[0] < 1 || grid[1] < 1 || grid[2] < 1) {
                throw new IllegalArgumentException("lambda layer needs a positive token grid");
            }
            if (heads < 1 || outputDim < 1 || outputDim % heads != 0) {
                throw new IllegalArgumentException("output dim " + outputDim + " must be a positive multiple of heads " + heads);
            }
            if (keyDim < 1 || intraDepth < 1) {
                throw new IllegalArgumentException("key dim and intra-depth must be positive");
            }
            if (receptiveField < 1 || receptiveField % 2 == 0) {
                throw new IllegalArgumentException("receptive field must be odd, got " + receptiveField);
            }
            return new LambdaLayer3d(this);
        }
    }
}

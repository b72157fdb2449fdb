package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al. 2017), laid out as MONAI's
 * {@code SABlock}: one Linear to q, k, v without bias (features ordered (qkv, head, d)),
 * softmax(q k^T / sqrt(d)) v per head, heads concatenated, then an output Linear with bias.
 *
 * <p>Input and output (N, T, hidden); hidden must be divisible by the number of heads.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {
    private final int hidden;
    private final int heads;
    private final Linear qkv;
    private final Linear output;

    private MultiHeadSelfAttention(Builder b) {
        hidden = b.hidden;
        heads = b.heads;
        qkv = addChildBlock("qkv", Linears.of(3L * hidden, b.qkvBias));
        output = addChildBlock("output", Linears.of(hidden, true));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes);
        output.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        long d = hidden / heads;
        // (N, T, 3*hidden) -> (3, N, heads, T, d)
        NDArray all = qkv.forward(ps, inputs, training, params).head()
                .reshape(n, t, 3, heads, d).transpose(2, 0, 3, 1, 4);
        NDArray q = Scalars.times(all.get(0), 1.0 / Math.sqrt(d));
        NDArray k = all.get(1);
        NDArray v = all.get(2);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, hidden);
        return output.forward(ps, new NDList(mixed), training, params);
    }

    /** Builder: {@code setHiddenSize} and {@code setHeads} are required. */
    public static final class Builder {
        private int hidden;
        private int heads;
        private boolean qkvBias;

        /** Token length at input and output. */
        public Builder setHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Number of attention heads; must divide the hidden size. */
        public Builder setHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Bias on the q, k, v projection (off in UNETR, as MONAI's default). */
        public Builder optQkvBias(boolean qkvBias) {
            this.qkvBias = qkvBias;
            return this;
        }

        public MultiHeadSelfAttention build() {
            if (hidden < 1 || heads < 1 || hidden % heads != 0) {
                throw new IllegalArgumentException("hidden size " + hidden + " must be a positive multiple of heads " + heads);
            }
            return new MultiHeadSelfAttention(this);
        }
    }
}

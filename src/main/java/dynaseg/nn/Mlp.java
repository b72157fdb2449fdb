package dynaseg.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The feed-forward part of a transformer block (Vaswani et al. 2017; MONAI's {@code MLPBlock}):
 * Linear(hidden -> mlp) - GELU (exact, erf form) - Linear(mlp -> hidden), both with bias.
 *
 * <p>Input and output (N, T, hidden).
 */
public final class Mlp extends AbstractBlock {
    private final Linear expand;
    private final Linear contract;

    private Mlp(Builder b) {
        expand = addChildBlock("expand", Linears.of(b.mlpDim, true));
        contract = addChildBlock("contract", Linears.of(b.hidden, true));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        expand.initialize(manager, dataType, inputShapes);
        contract.initialize(manager, dataType, expand.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return contract.getOutputShapes(expand.getOutputShapes(inputShapes));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList inner = expand.forward(ps, inputs, training, params);
        return contract.forward(ps, new NDList(Activation.gelu(inner.head())), training, params);
    }

    /** Builder: both sizes are required. */
    public static final class Builder {
        private int hidden;
        private int mlpDim;

        /** Token length at input and output. */
        public Builder setHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Width of the inner layer (4 x hidden in ViT-B). */
        public Builder setMlpDim(int mlpDim) {
            this.mlpDim = mlpDim;
            return this;
        }

        public Mlp build() {
            if (hidden < 1 || mlpDim < 1) {
                throw new IllegalArgumentException("hidden size and mlp dim must be positive");
            }
            return new Mlp(this);
        }
    }
}

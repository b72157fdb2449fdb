package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pre-norm transformer encoder block (Vaswani et al. 2017 with the ViT ordering of Dosovitskiy et
 * al. 2021; MONAI's {@code TransformerBlock}): x + mixer(LN(x)), then x + MLP(LN(x)). The token
 * mixer is multi-head self-attention by default; Lambda3D plugs a {@link LambdaLayer3d} in its place.
 *
 * <p>Input and output (N, T, hidden).
 */
public final class TransformerBlock extends AbstractBlock {
    private final LayerNorm mixerNorm;
    private final Block mixer;
    private final LayerNorm mlpNorm;
    private final Mlp mlp;

    private TransformerBlock(Builder b) {
        mixerNorm = addChildBlock("mixerNorm", tokenNorm());
        mixer = addChildBlock("mixer", b.mixer != null ? b.mixer
                : MultiHeadSelfAttention.builder().setHiddenSize(b.hidden).setHeads(b.heads).build());
        mlpNorm = addChildBlock("mlpNorm", tokenNorm());
        mlp = addChildBlock("mlp", Mlp.builder().setHiddenSize(b.hidden).setMlpDim(b.mlpDim).build());
    }

    /** LayerNorm over the feature axis of (N, T, hidden) tokens, with MONAI's epsilon. */
    static LayerNorm tokenNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(1e-5f).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mixerNorm.initialize(manager, dataType, inputShapes);
        mixer.initialize(manager, dataType, inputShapes);
        mlpNorm.initialize(manager, dataType, inputShapes);
        mlp.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray mixed = mixer.forward(ps, mixerNorm.forward(ps, inputs, training, params), training, params).head();
        x = x.add(mixed);
        NDList normed = mlpNorm.forward(ps, new NDList(x), training, params);
        return new NDList(x.add(mlp.forward(ps, normed, training, params).head()));
    }

    /** Builder: hidden size and MLP width are required; heads unless a token mixer is given. */
    public static final class Builder {
        private int hidden;
        private int mlpDim;
        private int heads;
        private Block mixer;

        /** Token length at input and output. */
        public Builder setHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Inner width of the MLP. */
        public Builder setMlpDim(int mlpDim) {
            this.mlpDim = mlpDim;
            return this;
        }

        /** Heads of the default self-attention mixer. */
        public Builder setHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Replaces self-attention by another (N, T, hidden) -> (N, T, hidden) block. */
        public Builder optTokenMixer(Block mixer) {
            this.mixer = mixer;
            return this;
        }

        public TransformerBlock build() {
            if (hidden < 1 || mlpDim < 1) {
                throw new IllegalArgumentException("hidden size and mlp dim must be positive");
            }
            return new TransformerBlock(this);
        }
    }
}

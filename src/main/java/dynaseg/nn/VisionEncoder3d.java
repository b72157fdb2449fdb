package dynaseg.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The 3D vision transformer encoder of UNETR (Hatamizadeh et al. 2022; MONAI's {@code ViT} without
 * classification head): patch embedding, L pre-norm transformer blocks and a final LayerNorm.
 *
 * <p>Input (N, C, D, H, W). Output NDList: the final normed tokens (N, T, hidden), then the raw
 * hidden states after each of the skip layers (1-based block numbers, default 3, 6, 9 as the paper's
 * z3, z6, z9), each (N, T, hidden). MONAI's UNETR reads {@code hidden_states_out[3], [6], [9]}, which
 * are the states after blocks 4, 7 and 10; {@code optSkipLayers(4, 7, 10)} reproduces that.
 */
public final class VisionEncoder3d extends AbstractBlock {
    private final PatchEmbedding3d embedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final int[] skipLayers;
    private final int hidden;

    private VisionEncoder3d(Builder b) {
        hidden = b.hidden;
        skipLayers = b.skipLayers.clone();
        embedding = addChildBlock("embedding", PatchEmbedding3d.builder().setPatch(b.patch).setHiddenSize(b.hidden).build());
        for (int i = 0; i < b.layers; i++) {
            TransformerBlock.Builder tb = TransformerBlock.builder()
                    .setHiddenSize(b.hidden).setMlpDim(b.mlpDim).setHeads(b.heads);
            if (b.mixer != null) {
                tb.optTokenMixer(b.mixer.get());
            }
            blocks.add(addChildBlock("block" + String.format("%02d", i + 1), tb.build()));
        }
        finalNorm = addChildBlock("finalNorm", TransformerBlock.tokenNorm());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes);
        Shape[] tokens = embedding.getOutputShapes(inputShapes);
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
        finalNorm.initialize(manager, dataType, tokens);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = embedding.getOutputShapes(inputShapes)[0];
        Shape[] out = new Shape[1 + skipLayers.length];
        Arrays.fill(out, tokens);
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = embedding.forward(ps, inputs, training, params);
        NDList out = new NDList(1 + skipLayers.length);
        out.add(null);
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(ps, x, training, params);
            for (int layer : skipLayers) {
                if (layer == i + 1) {
                    out.add(x.head());
                }
            }
        }
        out.set(0, finalNorm.forward(ps, x, training, params).head());
        return out;
    }

    /** Token length. */
    public int hiddenSize() {
        return hidden;
    }

    /** Builder: patch, hidden size, MLP width, heads and layers are required. */
    public static final class Builder {
        private int patch;
        private int hidden;
        private int mlpDim;
        private int heads;
        private int layers;
        private int[] skipLayers = {3, 6, 9};
        private Supplier<Block> mixer;

        public Builder setPatch(int patch) {
            this.patch = patch;
            return this;
        }

        public Builder setHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder setMlpDim(int mlpDim) {
            this.mlpDim = mlpDim;
            return this;
        }

        public Builder setHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder setLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** 1-based numbers of the blocks whose outputs are returned as skips, in order. */
        public Builder optSkipLayers(int... skipLayers) {
            this.skipLayers = skipLayers.clone();
            return this;
        }

        /** Makes a fresh token mixer for each block instead of self-attention. */
        public Builder optTokenMixer(Supplier<Block> mixer) {
            this.mixer = mixer;
            return this;
        }

        public VisionEncoder3d build() {
            if (layers < 1) {
                throw new IllegalArgumentException("need at least one transformer layer");
            }
            for (int layer : skipLayers) {
                if (layer < 1 || layer > layers) {
                    throw new IllegalArgumentException("skip layer " + layer + " outside 1.." + layers);
                }
            }
            return new VisionEncoder3d(this);
        }
    }
}

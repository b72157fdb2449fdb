package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Supplier;

/**
 * UNETR (Hatamizadeh et al. 2022, "UNETR: Transformers for 3D Medical Image Segmentation"), built
 * as MONAI's {@code UNETR}: a 3D ViT encoder ({@link VisionEncoder3d}) on p^3 patches whose
 * hidden states after blocks 3, 6, 9 and the final normed tokens are reshaped to the token grid and
 * decoded by a CNN with skips at 1/8, 1/4, 1/2 and full resolution: {@link UnetrBasicBlock} on the
 * input, {@link UnetrPrUpBlock}s on the hidden states, {@link UnetrUpBlock}s, a 1x1x1 output conv.
 *
 * <p>The skeleton also takes token patch 8 (the grid is then already at 1/8: the deepest skip and
 * decoder step project with 1x1x1 convolutions instead of up-sampling) and another token mixer in
 * place of self-attention ({@link Lambda3d}).
 *
 * <p>Input (N, Cin, D, H, W) with D, H, W multiples of the patch, fixed at initialisation (the
 * position embedding depends on them); output logits (N, numClasses, D, H, W).
 */
public final class Unetr extends AbstractBlock {
    /** The edge of UNETR's token patches. */
    public static final int TOKEN_PATCH = 16;

    private final int numClasses;
    private final int inChannels;
    private final int patch;
    private final int hidden;
    private final VisionEncoder3d encoder;
    private final UnetrBasicBlock encoder1;
    private final UnetrPrUpBlock encoder2;
    private final UnetrPrUpBlock encoder3;
    private final UnetrPrUpBlock encoder4;
    private final UnetrUpBlock decoder5;
    private final UnetrUpBlock decoder4;
    private final UnetrUpBlock decoder3;
    private final UnetrUpBlock decoder2;
    private final Conv3d head;

    private Unetr(Builder b) {
        numClasses = b.numClasses;
        inChannels = b.inChannels;
        patch = b.patch;
        hidden = b.hidden;
        int levels = Integer.numberOfTrailingZeros(patch); // 4 for patch 16, 3 for patch 8
        int fs = b.featureSize;
        VisionEncoder3d.Builder vit = VisionEncoder3d.builder().setPatch(patch).setHiddenSize(hidden)
                .setMlpDim(b.mlpDim).setHeads(b.heads).setLayers(b.layers).optSkipLayers(b.skipLayers);
        if (b.tokenMixer != null) {
            vit.optTokenMixer(b.tokenMixer);
        }
        encoder = addChildBlock("vit", vit.build());
        encoder1 = addChildBlock("encoder1", UnetrBasicBlock.builder().setChannels(fs).build());
        encoder2 = addChildBlock("encoder2", UnetrPrUpBlock.builder().setChannels(2 * fs).setUpsamplings(levels - 1).build());
        encoder3 = addChildBlock("encoder3", UnetrPrUpBlock.builder().setChannels(4 * fs).setUpsamplings(levels - 2).build());
        encoder4 = addChildBlock("encoder4", UnetrPrUpBlock.builder().setChannels(8 * fs).setUpsamplings(levels - 3).build());
        decoder5 = addChildBlock("decoder5", UnetrUpBlock.builder().setChannels(8 * fs).optUpsample(levels == 4).build());
        decoder4 = addChildBlock("decoder4", UnetrUpBlock.builder().setChannels(4 * fs).build());
        decoder3 = addChildBlock("decoder3", UnetrUpBlock.builder().setChannels(2 * fs).build());
        decoder2 = addChildBlock("decoder2", UnetrUpBlock.builder().setChannels(fs).build());
        head = addChildBlock("out", Convs.conv3d(numClasses, 1, 1, true));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A UNETR of the named preset for inputs of {@link #defaultPatch(String)}^3 voxels.
     * {@code paper}: the published sizes (patch 16, hidden 768, MLP 3072, 12 heads, 12 layers,
     * feature size 16); {@code cpu}: a narrow version (hidden 96, MLP 384, 4 heads, feature size 8).
     */
    public static Block create(String preset, int inChannels, int numClasses) {
        return create(preset, inChannels, numClasses, defaultPatch(preset));
    }

    /** As {@link #create(String, int, int)} for inputs of patch^3 voxels (a multiple of 16). */
    public static Block create(String preset, int inChannels, int numClasses, int patch) {
        Builder b = builder().setNumClasses(numClasses).optInChannels(inChannels);
        switch (preset) {
            case "paper":
                break;
            case "cpu":
                b.optHiddenSize(96).optMlpDim(384).optHeads(4).optFeatureSize(8);
                break;
            default:
                throw new IllegalArgumentException("unknown UNETR preset '" + preset + "' (paper, cpu)");
        }
        if (patch % b.patch != 0) {
            throw new IllegalArgumentException("UNETR input size " + patch + " is not a multiple of its token patch " + b.patch);
        }
        return b.build();
    }

    /** Input edge length the preset is made for: 96 (paper) or 64 (cpu). */
    public static int defaultPatch(String preset) {
        switch (preset) {
            case "paper":
                return 96;
            case "cpu":
                return 64;
            default:
                throw new IllegalArgumentException("unknown preset '" + preset + "' (paper, cpu)");
        }
    }

    /** Number of output classes. */
    public int numClasses() {
        return numClasses;
    }

    /** Edge of the cubic token patches. */
    public int tokenPatch() {
        return patch;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 5) {
            throw new IllegalArgumentException("UNETR expects (N, C, D, H, W) input, got " + in);
        }
        if (inChannels > 0 && in.get(1) != inChannels) {
            throw new IllegalArgumentException("UNETR built for " + inChannels + " input channels got " + in);
        }
        Shape feat = featShape(in);
        encoder.initialize(manager, dataType, in);
        encoder1.initialize(manager, dataType, in);
        encoder2.initialize(manager, dataType, feat);
        encoder3.initialize(manager, dataType, feat);
        encoder4.initialize(manager, dataType, feat);
        Shape d = feat;
        UnetrUpBlock[] decoders = {decoder5, decoder4, decoder3, decoder2};
        Block[] skips = {encoder4, encoder3, encoder2, encoder1};
        for (int i = 0; i < decoders.length; i++) {
            Shape skip = skips[i].getOutputShapes(new Shape[] {i == 3 ? in : feat})[0];
            decoders[i].initialize(manager, dataType, d, skip);
            d = decoders[i].getOutputShapes(new Shape[] {d, skip})[0];
        }
        head.initialize(manager, dataType, d);
    }

    private Shape featShape(Shape in) {
        for (int axis = 2; axis < 5; axis++) {
            if (in.get(axis) % patch != 0) {
                throw new IllegalArgumentException("input " + in + " is not a multiple of the token patch " + patch);
            }
        }
        return new Shape(in.get(0), hidden, in.get(2) / patch, in.get(3) / patch, in.get(4) / patch);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), numClasses, in.get(2), in.get(3), in.get(4))};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape feat = featShape(x.getShape());
        NDList states = encoder.forward(ps, inputs, training, params);
        NDArray enc1 = encoder1.forward(ps, inputs, training, params).head();
        NDArray enc2 = encoder2.forward(ps, toGrid(states.get(1), feat), training, params).head();
        NDArray enc3 = encoder3.forward(ps, toGrid(states.get(2), feat), training, params).head();
        NDArray enc4 = encoder4.forward(ps, toGrid(states.get(3), feat), training, params).head();
        NDArray dec = toGrid(states.get(0), feat).head();
        dec = decoder5.forward(ps, new NDList(dec, enc4), training, params).head();
        dec = decoder4.forward(ps, new NDList(dec, enc3), training, params).head();
        dec = decoder3.forward(ps, new NDList(dec, enc2), training, params).head();
        dec = decoder2.forward(ps, new NDList(dec, enc1), training, params).head();
        return head.forward(ps, new NDList(dec), training, params);
    }

    /** Tokens (N, T, hidden) -> feature map (N, hidden, gd, gh, gw) (MONAI's proj_feat). */
    private static NDList toGrid(NDArray tokens, Shape feat) {
        return new NDList(tokens.transpose(0, 2, 1).reshape(feat));
    }

    /** Builder: {@code setNumClasses} is required; the rest default to the paper's sizes. */
    public static final class Builder {
        private int numClasses;
        private int inChannels;
        private int patch = TOKEN_PATCH;
        private int hidden = 768;
        private int mlpDim = 3072;
        private int heads = 12;
        private int layers = 12;
        private int featureSize = 16;
        private int[] skipLayers = {3, 6, 9};
        private Supplier<Block> tokenMixer;

        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Checks the input's channel count at initialisation (0: any). */
        public Builder optInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /** Token patch edge: 16 (UNETR) or 8. */
        public Builder optPatch(int patch) {
            this.patch = patch;
            return this;
        }

        public Builder optHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder optMlpDim(int mlpDim) {
            this.mlpDim = mlpDim;
            return this;
        }

        /** Self-attention heads (unused with another token mixer). */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Channels of the full-resolution decoder stage (doubling at each coarser one). */
        public Builder optFeatureSize(int featureSize) {
            this.featureSize = featureSize;
            return this;
        }

        /** 1-based transformer blocks feeding the skips at 1/2, 1/4 and 1/8 resolution. */
        public Builder optSkipLayers(int z2, int z4, int z8) {
            this.skipLayers = new int[] {z2, z4, z8};
            return this;
        }

        /** A fresh (N, T, hidden) -> (N, T, hidden) block per layer in place of self-attention. */
        public Builder optTokenMixer(Supplier<Block> tokenMixer) {
            this.tokenMixer = tokenMixer;
            return this;
        }

        public Unetr build() {
            if (numClasses < 1) {
                throw new IllegalArgumentException("UNETR needs setNumClasses(>= 1)");
            }
            if (patch != 8 && patch != 16) {
                throw new IllegalArgumentException("UNETR token patch must be 8 or 16, got " + patch);
            }
            if (featureSize < 1 || inChannels < 0) {
                throw new IllegalArgumentException("UNETR feature size must be positive");
            }
            return new Unetr(this);
        }

        int patch() {
            return patch;
        }
    }
}

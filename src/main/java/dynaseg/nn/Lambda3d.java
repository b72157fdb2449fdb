package dynaseg.nn;

import ai.djl.nn.Block;

/**
 * Lambda3D: the UNETR skeleton ({@link Unetr}) with every self-attention replaced by a 3D lambda
 * layer ({@link LambdaLayer3d}; Bello 2021), as in the runtime-freezing paper's third network. The
 * lambda layer's cost grows linearly with the token count, so the default token patch is 8 instead
 * of UNETR's 16 (a 12^3 token grid on a 96^3 input); lambda defaults: |k| = 16, |u| = 1, 4 heads,
 * receptive field r = 7.
 *
 * <p>This class only configures: the network is a {@link Unetr} block whose token mixers are
 * lambda layers. Input (N, Cin, S, S, S) with S the image size given at build time (the lambda convolution
 * runs on the fixed token grid); output logits (N, numClasses, S, S, S).
 */
public final class Lambda3d {
    /** The edge of Lambda3D's token patches (half UNETR's: the lambda layer's cost grows with the token count). */
    public static final int TOKEN_PATCH = 8;

    private Lambda3d() {}

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Lambda3D of the named preset for inputs of {@link #defaultPatch(String)}^3 voxels.
     * {@code paper}: UNETR's sizes (hidden 768, MLP 3072, 12 layers, feature size 16) with token
     * patch 8 and the lambda defaults; {@code cpu}: hidden 96, MLP 384, feature size 8.
     */
    public static Block create(String preset, int inChannels, int numClasses) {
        return create(preset, inChannels, numClasses, defaultPatch(preset));
    }

    /** As {@link #create(String, int, int)} for inputs of patch^3 voxels (a multiple of 8). */
    public static Block create(String preset, int inChannels, int numClasses, int patch) {
        Builder b = builder().setNumClasses(numClasses).setImageSize(patch).optInChannels(inChannels);
        switch (preset) {
            case "paper":
                break;
            case "cpu":
                b.optHiddenSize(96).optMlpDim(384).optFeatureSize(8);
                break;
            default:
                throw new IllegalArgumentException("unknown Lambda3D preset '" + preset + "' (paper, cpu)");
        }
        return b.build();
    }

    /** Input edge length the preset is made for: 96 (paper) or 64 (cpu). */
    public static int defaultPatch(String preset) {
        return Unetr.defaultPatch(preset);
    }

    /** Builder: {@code setNumClasses} and {@code setImageSize} are required. */
    public static final class Builder {
        private final Unetr.Builder skeleton = Unetr.builder().optPatch(TOKEN_PATCH);
        private int imageSize;
        private int hidden = 768;
        private int keyDim = 16;
        private int intraDepth = 1;
        private int heads = 4;
        private int receptiveField = 7;

        public Builder setNumClasses(int numClasses) {
            skeleton.setNumClasses(numClasses);
            return this;
        }

        /** Edge S of the cubic input the network is built for (a multiple of the token patch). */
        public Builder setImageSize(int imageSize) {
            this.imageSize = imageSize;
            return this;
        }

        public Builder optInChannels(int inChannels) {
            skeleton.optInChannels(inChannels);
            return this;
        }

        /** Token patch edge: 8 (default) or 16. */
        public Builder optPatch(int patch) {
            skeleton.optPatch(patch);
            return this;
        }

        public Builder optHiddenSize(int hidden) {
            this.hidden = hidden;
            skeleton.optHiddenSize(hidden);
            return this;
        }

        public Builder optMlpDim(int mlpDim) {
            skeleton.optMlpDim(mlpDim);
            return this;
        }

        public Builder optLayers(int layers) {
            skeleton.optLayers(layers);
            return this;
        }

        public Builder optFeatureSize(int featureSize) {
            skeleton.optFeatureSize(featureSize);
            return this;
        }

        public Builder optSkipLayers(int z2, int z4, int z8) {
            skeleton.optSkipLayers(z2, z4, z8);
            return this;
        }

        /** Query/key depth |k| (16). */
        public Builder optKeyDim(int keyDim) {
            this.keyDim = keyDim;
            return this;
        }

        /** Intra-depth |u| (1). */
        public Builder optIntraDepth(int intraDepth) {
            this.intraDepth = intraDepth;
            return this;
        }

        /** Query heads (4); must divide the hidden size. */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Receptive field r of the position lambdas, odd (7). */
        public Builder optReceptiveField(int receptiveField) {
            this.receptiveField = receptiveField;
            return this;
        }

        public Unetr build() {
            int patch = skeleton.patch();
            if (imageSize < 1 || imageSize % patch != 0) {
                throw new IllegalArgumentException("Lambda3D image size " + imageSize + " is not a positive multiple of the token patch " + patch);
            }
            int g = imageSize / patch;
            LambdaLayer3d.builder().setGrid(g, g, g).setOutputDim(hidden).optKeyDim(keyDim)
                    .optIntraDepth(intraDepth).optHeads(heads).optReceptiveField(receptiveField).build(); // validates now
            skeleton.optTokenMixer(() -> LambdaLayer3d.builder().setGrid(g, g, g).setOutputDim(hidden).optKeyDim(keyDim)
                    .optIntraDepth(intraDepth).optHeads(heads).optReceptiveField(receptiveField).build());
            return skeleton.build();
        }
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 3D U-Net (Cicek et al. 2016, "3D U-Net: Learning Dense Volumetric Segmentation from Sparse
 * Annotation") with instance norm and LeakyReLU(0.01) as in nnU-Net. For channels {c0, ..., cL}:
 * level i applies two {@link ConvNormAct3d} with c_i channels; the encoder goes down with 2x max
 * pooling; the decoder goes up with {@link UpSample2x} (= ConvTranspose3d k=2 s=2) to c_i channels,
 * concatenates [up, skip] and applies two ConvNormAct3d with c_i channels; a 1x1x1 convolution
 * (with bias) gives the class logits.
 *
 * <p>Input (N, inChannels, D, H, W) with D, H, W divisible by 2^L -> logits (N, numClasses, D, H, W).
 */
public final class UNet3D extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final Shape POOL = new Shape(2, 2, 2);
    private static final Shape NO_PAD = new Shape(0, 0, 0);

    private final int[] channels;
    private final int inChannels;
    private final int numClasses;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> ups = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Conv3d head;

    private UNet3D(Builder b) {
        super(VERSION);
        channels = b.channels.clone();
        inChannels = b.inChannels;
        numClasses = b.numClasses;
        for (int i = 0; i < channels.length; i++) {
            encoders.add(addChildBlock("enc" + i, twoConvs(channels[i])));
        }
        for (int i = channels.length - 2; i >= 0; i--) {
            ups.add(addChildBlock("up" + i, UpSample2x.builder().setChannels(channels[i]).build()));
            decoders.add(addChildBlock("dec" + i, twoConvs(channels[i])));
        }
        head = addChildBlock("head", Convs.conv3d(numClasses, 1, 1, true));
    }

    private static SequentialBlock twoConvs(int c) {
        return new SequentialBlock()
                .add(ConvNormAct3d.builder().setChannels(c).build())
                .add(ConvNormAct3d.builder().setChannels(c).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int[] channels() {
        return channels.clone();
    }

    public int inChannels() {
        return inChannels;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Input sizes must be multiples of this (2^(levels-1)). */
    public int sizeMultiple() {
        return 1 << (channels.length - 1);
    }

    private void checkInput(Shape s) {
        int k = sizeMultiple();
        if (s.dimension() != 5 || s.get(1) != inChannels || s.get(2) % k != 0 || s.get(3) % k != 0 || s.get(4) % k != 0) {
            throw new IllegalArgumentException("UNet3D with " + channels.length + " levels expects (N, " + inChannels
                    + ", D, H, W) with D, H, W multiples of " + k + ", got " + s);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        int levels = channels.length;
        NDArray[] skips = new NDArray[levels];
        for (int i = 0; i < levels; i++) {
            if (i > 0) x = Pool.maxPool3d(x, POOL, POOL, NO_PAD, false);
            x = encoders.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
            skips[i] = x;
        }
        for (int j = 0; j < levels - 1; j++) {
            int level = levels - 2 - j;
            NDArray up = ups.get(j).forward(ps, new NDList(x), training).singletonOrThrow();
            NDArray cat = NDArrays.concat(new NDList(up, skips[level]), 1);
            x = decoders.get(j).forward(ps, new NDList(cat), training).singletonOrThrow();
        }
        return head.forward(ps, new NDList(x), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        int levels = channels.length;
        Shape s = inputShapes[0];
        Shape[] skips = new Shape[levels];
        for (int i = 0; i < levels; i++) {
            if (i > 0) s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2, s.get(4) / 2);
            encoders.get(i).initialize(manager, dataType, s);
            s = encoders.get(i).getOutputShapes(new Shape[] {s})[0];
            skips[i] = s;
        }
        for (int j = 0; j < levels - 1; j++) {
            int level = levels - 2 - j;
            ups.get(j).initialize(manager, dataType, s);
            Shape up = ups.get(j).getOutputShapes(new Shape[] {s})[0];
            Shape cat = new Shape(up.get(0), up.get(1) + skips[level].get(1), up.get(2), up.get(3), up.get(4));
            decoders.get(j).initialize(manager, dataType, cat);
            s = decoders.get(j).getOutputShapes(new Shape[] {cat})[0];
        }
        head.initialize(manager, dataType, s);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), numClasses, s.get(2), s.get(3), s.get(4))};
    }

    @Override
    public String toString() {
        return "UNet3D(in=" + inChannels + ", classes=" + numClasses + ", channels=" + Arrays.toString(channels) + ")";
    }

    /** Builder: {@code setNumClasses} (required), {@code optInChannels} (1), {@code optChannels} ({32, 64, 128, 256}). */
    public static final class Builder {
        private int numClasses;
        private int inChannels = 1;
        private int[] channels = {32, 64, 128, 256};

        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Builder optInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /** Channels per level, top to bottom; their count sets the depth. */
        public Builder optChannels(int... channels) {
            this.channels = channels.clone();
            return this;
        }

        public UNet3D build() {
            if (numClasses < 1) throw new IllegalArgumentException("UNet3D needs setNumClasses(>= 1)");
            if (inChannels < 1) throw new IllegalArgumentException("UNet3D needs at least one input channel");
            if (channels.length < 2) throw new IllegalArgumentException("UNet3D needs at least two levels, got " + Arrays.toString(channels));
            for (int c : channels) {
                if (c < 1) throw new IllegalArgumentException("UNet3D channels must be positive: " + Arrays.toString(channels));
            }
            return new UNet3D(this);
        }
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2x up-sampling equal to PyTorch's {@code ConvTranspose3d(Cin, out, kernel_size=2, stride=2)}
 * (the up-convolution of Cicek et al. 2016 and of UNETR's decoder). DJL's PyTorch engine has no
 * transposed convolution; with kernel = stride = 2 the output windows do not overlap, so it is
 * exactly a 1x1x1 convolution to 8*out channels followed by a 3D pixel shuffle
 * ({@link PixelShuffle3d}), plus one bias per output channel.
 *
 * <p>Input (N, Cin, D, H, W) -> output (N, out, 2D, 2H, 2W). Weight layout: the 1x1x1 kernel's
 * output channel {@code o*8 + a*4 + b*2 + c} holds ConvTranspose3d's {@code weight[:, o, a, b, c]}.
 * Same parameter count as ConvTranspose3d.
 */
public final class UpSample2x extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final Conv3d conv;
    private final Parameter bias;

    private UpSample2x(Builder b) {
        super(VERSION);
        channels = b.channels;
        conv = addChildBlock("conv", Convs.conv3d(8 * b.channels, 1, 1, false));
        bias = b.bias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(b.channels)).build())
                : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = conv.forward(ps, inputs, training).singletonOrThrow();
        y = PixelShuffle3d.shuffle(y, channels);
        if (bias != null) {
            NDArray b = ps.getValue(bias, y.getDevice(), training);
            y = y.add(b.reshape(1, channels, 1, 1, 1));
        }
        return new NDList(y);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3), 2 * s.get(4))};
    }

    /** Builder: {@code setChannels} (required), {@code optBias} (true, as ConvTranspose3d's default). */
    public static final class Builder {
        private int channels;
        private boolean bias = true;

        public Builder setChannels(int out) {
            this.channels = out;
            return this;
        }

        /** MONAI's UNETR decoder uses its transposed convolutions without bias. */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public UpSample2x build() {
            if (channels < 1) throw new IllegalArgumentException("UpSample2x needs setChannels(>= 1)");
            return new UpSample2x(this);
        }
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolution + instance norm (affine) + LeakyReLU(0.01): the unit of MONAI's
 * {@code UnetBasicBlock} (Isensee et al. 2021, nnU-Net) and of the 3D U-Net's levels
 * (Cicek et al. 2016, with instance instead of batch norm). The convolution has no bias since the
 * norm's shift replaces it.
 *
 * <p>Input (N, Cin, D, H, W) -> output (N, channels, D/stride, H/stride, W/stride); the kernel is
 * k x k x k with padding (k - stride + 1) / 2.
 */
public final class ConvNormAct3d extends AbstractBlock {
    private static final byte VERSION = 1;
    static final float NEGATIVE_SLOPE = 0.01f;

    private final Conv3d conv;
    private final InstanceNorm3d norm;

    private ConvNormAct3d(Builder b) {
        super(VERSION);
        conv = addChildBlock("conv", Convs.conv3d(b.channels, b.kernel, b.stride, false));
        norm = addChildBlock("norm", InstanceNorm3d.builder().build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = conv.forward(ps, inputs, training).singletonOrThrow();
        y = norm.forward(ps, new NDList(y), training).singletonOrThrow();
        return new NDList(Activation.leakyRelu(y, NEGATIVE_SLOPE));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    /** Builder: {@code setChannels} (required), {@code optKernel} (3), {@code optStride} (1). */
    public static final class Builder {
        private int channels;
        private int kernel = 3;
        private int stride = 1;

        public Builder setChannels(int out) {
            this.channels = out;
            return this;
        }

        public Builder optKernel(int k) {
            this.kernel = k;
            return this;
        }

        public Builder optStride(int s) {
            this.stride = s;
            return this;
        }

        public ConvNormAct3d build() {
            if (channels < 1) throw new IllegalArgumentException("ConvNormAct3d needs setChannels(>= 1)");
            return new ConvNormAct3d(this);
        }
    }
}

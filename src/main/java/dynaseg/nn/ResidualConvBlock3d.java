package dynaseg.nn;

import ai.djl.MalformedModelException;
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
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Residual convolution block, as MONAI's {@code UnetResBlock} (used by UNETR, Hatamizadeh et al.
 * 2022): conv-norm-act, conv-norm, plus the input (through a 1x1x1 conv + norm when the channel
 * count or the stride changes), then LeakyReLU(0.01). Convolutions have no bias; norms are
 * {@link InstanceNorm3d}.
 *
 * <p>Input (N, Cin, D, H, W) -> output (N, channels, D/stride, H/stride, W/stride). Cin is learned
 * from the first input shape: the projection branch is created at initialisation (or when loading
 * saved parameters) if Cin != channels or stride != 1.
 */
public final class ResidualConvBlock3d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final int stride;
    private final Conv3d conv1;
    private final InstanceNorm3d norm1;
    private final Conv3d conv2;
    private final InstanceNorm3d norm2;
    private Conv3d projConv;
    private InstanceNorm3d projNorm;

    private ResidualConvBlock3d(Builder b) {
        super(VERSION);
        channels = b.channels;
        stride = b.stride;
        conv1 = addChildBlock("conv1", Convs.conv3d(b.channels, b.kernel, b.stride, false));
        norm1 = addChildBlock("norm1", InstanceNorm3d.builder().build());
        conv2 = addChildBlock("conv2", Convs.conv3d(b.channels, b.kernel, 1, false));
        norm2 = addChildBlock("norm2", InstanceNorm3d.builder().build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds the 1x1x1 projection of the residual path once the input channel count is known. */
    private void ensureProjection(Shape input) {
        if (projConv != null) return;
        if (input.get(1) != channels || stride != 1) {
            projConv = addChildBlock("conv3", Convs.conv3d(channels, 1, stride, false));
            projNorm = addChildBlock("norm3", InstanceNorm3d.builder().build());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        ensureProjection(inputShapes[0]);
        conv1.initialize(manager, dataType, inputShapes);
        Shape[] s = conv1.getOutputShapes(inputShapes);
        norm1.initialize(manager, dataType, s);
        conv2.initialize(manager, dataType, s);
        norm2.initialize(manager, dataType, s);
        if (projConv != null) {
            projConv.initialize(manager, dataType, inputShapes);
            projNorm.initialize(manager, dataType, s);
        }
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        super.loadMetadata(loadVersion, is);
        ensureProjection(inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = conv1.forward(ps, inputs, training).singletonOrThrow();
        y = norm1.forward(ps, new NDList(y), training).singletonOrThrow();
        y = Activation.leakyRelu(y, ConvNormAct3d.NEGATIVE_SLOPE);
        y = conv2.forward(ps, new NDList(y), training).singletonOrThrow();
        y = norm2.forward(ps, new NDList(y), training).singletonOrThrow();
        NDArray residual = inputs.singletonOrThrow();
        if (projConv != null) {
            residual = projConv.forward(ps, inputs, training).singletonOrThrow();
            residual = projNorm.forward(ps, new NDList(residual), training).singletonOrThrow();
        }
        return new NDList(Activation.leakyRelu(y.add(residual), ConvNormAct3d.NEGATIVE_SLOPE));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv1.getOutputShapes(inputShapes);
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

        public ResidualConvBlock3d build() {
            if (channels < 1) throw new IllegalArgumentException("ResidualConvBlock3d needs setChannels(>= 1)");
            return new ResidualConvBlock3d(this);
        }
    }
}

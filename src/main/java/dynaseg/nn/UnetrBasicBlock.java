package dynaseg.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * UNETR's full-resolution encoder block (Hatamizadeh et al. 2022; MONAI's {@code UnetrBasicBlock}):
 * a residual convolution block ({@link ResidualConvBlock3d}, MONAI's {@code UnetResBlock}) or, with
 * {@code optResidual(false)}, two conv-norm-LeakyReLU layers ({@code UnetBasicBlock}).
 *
 * <p>Input (N, Cin, D, H, W) -> output (N, channels, D, H, W).
 */
public final class UnetrBasicBlock extends AbstractBlock {
    private final Block body;

    private UnetrBasicBlock(Builder b) {
        Block inner = b.residual
                ? ResidualConvBlock3d.builder().setChannels(b.channels).optKernel(b.kernel).build()
                : new SequentialBlock()
                        .add(ConvNormAct3d.builder().setChannels(b.channels).optKernel(b.kernel).build())
                        .add(ConvNormAct3d.builder().setChannels(b.channels).optKernel(b.kernel).build());
        body = addChildBlock("body", inner);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return body.forward(ps, inputs, training, params);
    }

    /** Builder: {@code setChannels} (required), {@code optKernel} (3), {@code optResidual} (true). */
    public static final class Builder {
        private int channels;
        private int kernel = 3;
        private boolean residual = true;

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        public Builder optResidual(boolean residual) {
            this.residual = residual;
            return this;
        }

        public UnetrBasicBlock build() {
            if (channels < 1) {
                throw new IllegalArgumentException("UnetrBasicBlock needs setChannels(>= 1)");
            }
            return new UnetrBasicBlock(this);
        }
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * UNETR's decoder step (Hatamizadeh et al. 2022; MONAI's {@code UnetrUpBlock} with a residual
 * block): 2x transposed convolution without bias ({@link UpSample2x}) to {@code channels},
 * concatenation with the skip (which has {@code channels} channels), then a
 * {@link ResidualConvBlock3d}. With {@code optUpsample(false)} the first step is a 1x1x1
 * projection instead (decoder input already at the skip's resolution, as in Lambda3D with patch 8).
 *
 * <p>Inputs (N, Cin, D, H, W) and skip (N, channels, 2D, 2H, 2W) -> output (N, channels, 2D, 2H, 2W)
 * (no factor 2 without up-sampling).
 */
public final class UnetrUpBlock extends AbstractBlock {
    private final Block up;
    private final ResidualConvBlock3d conv;
    private final int channels;

    private UnetrUpBlock(Builder b) {
        channels = b.channels;
        up = addChildBlock(b.upsample ? "up" : "projection", b.upsample
                ? UpSample2x.builder().setChannels(b.channels).optBias(false).build()
                : Convs.conv3d(b.channels, 1, 1, false));
        conv = addChildBlock("conv", ResidualConvBlock3d.builder().setChannels(b.channels).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        up.initialize(manager, dataType, inputShapes[0]);
        conv.initialize(manager, dataType, concatShape(up.getOutputShapes(new Shape[] {inputShapes[0]})[0]));
    }

    private Shape concatShape(Shape upShape) {
        return new Shape(upShape.get(0), 2L * channels, upShape.get(2), upShape.get(3), upShape.get(4));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(new Shape[] {concatShape(up.getOutputShapes(new Shape[] {inputShapes[0]})[0])});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray upsampled = up.forward(ps, new NDList(inputs.get(0)), training, params).head();
        NDArray joined = upsampled.concat(inputs.get(1), 1);
        return conv.forward(ps, new NDList(joined), training, params);
    }

    /** Builder: {@code setChannels} (required), {@code optUpsample} (true). */
    public static final class Builder {
        private int channels;
        private boolean upsample = true;

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optUpsample(boolean upsample) {
            this.upsample = upsample;
            return this;
        }

        public UnetrUpBlock build() {
            if (channels < 1) {
                throw new IllegalArgumentException("UnetrUpBlock needs setChannels(>= 1)");
            }
            return new UnetrUpBlock(this);
        }
    }
}

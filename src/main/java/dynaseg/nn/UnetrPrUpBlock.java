package dynaseg.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * UNETR's projection-upsampling block for a skip from the transformer (Hatamizadeh et al. 2022;
 * MONAI's {@code UnetrPrUpBlock} with conv and residual blocks): a 2x transposed convolution
 * (without bias, {@link UpSample2x}) from the hidden size to {@code channels}, then
 * {@code upsamplings - 1} times [2x transposed convolution, {@link ResidualConvBlock3d}]. MONAI's
 * {@code num_layer} is {@code upsamplings - 1}. With {@code upsamplings = 0} (a token grid that is
 * already at the skip's resolution, as in Lambda3D with patch 8) the block is a 1x1x1 projection.
 *
 * <p>Input (N, hidden, g, g, g) -> output (N, channels, g*2^u, g*2^u, g*2^u), u = upsamplings.
 */
public final class UnetrPrUpBlock extends AbstractBlock {
    private final List<Block> stages = new ArrayList<>();

    private UnetrPrUpBlock(Builder b) {
        if (b.upsamplings == 0) {
            stages.add(addChildBlock("projection", Convs.conv3d(b.channels, 1, 1, false)));
        } else {
            stages.add(addChildBlock("upInit", UpSample2x.builder().setChannels(b.channels).optBias(false).build()));
        }
        for (int i = 1; i < b.upsamplings; i++) {
            stages.add(addChildBlock("up" + i, UpSample2x.builder().setChannels(b.channels).optBias(false).build()));
            stages.add(addChildBlock("conv" + i, ResidualConvBlock3d.builder().setChannels(b.channels).build()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block stage : stages) {
            stage.initialize(manager, dataType, shapes);
            shapes = stage.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block stage : stages) {
            shapes = stage.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block stage : stages) {
            x = stage.forward(ps, x, training, params);
        }
        return x;
    }

    /** Builder: {@code setChannels} and {@code setUpsamplings} are required. */
    public static final class Builder {
        private int channels;
        private int upsamplings = -1;

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Number of 2x up-samplings (MONAI's num_layer + 1); 0 gives a 1x1x1 projection. */
        public Builder setUpsamplings(int upsamplings) {
            this.upsamplings = upsamplings;
            return this;
        }

        public UnetrPrUpBlock build() {
            if (channels < 1 || upsamplings < 0) {
                throw new IllegalArgumentException("UnetrPrUpBlock needs setChannels(>= 1) and setUpsamplings(>= 0)");
            }
            return new UnetrPrUpBlock(this);
        }
    }
}

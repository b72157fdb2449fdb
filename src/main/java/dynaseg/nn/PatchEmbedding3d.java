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
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * Patch embedding of a 3D vision transformer (Dosovitskiy et al. 2021, as UNETR uses it: MONAI's
 * {@code PatchEmbeddingBlock} with {@code proj_type="conv"}): a Conv3d with kernel = stride = patch
 * projects each non-overlapping p^3 patch to {@code hidden} features, and a learnable position
 * embedding (one vector per token, truncated normal with std 0.02 as in MONAI) is added.
 *
 * <p>Input (N, C, D, H, W) with D, H, W multiples of the patch; output tokens (N, T, hidden) with
 * T = (D/p)(H/p)(W/p) in z-y-x order (x fastest). The position embedding fixes T when the block is
 * initialized, so the block serves one input size.
 */
public final class PatchEmbedding3d extends AbstractBlock {
    private final int patch;
    private final int hidden;
    private final Conv3d projection;
    private final Parameter positions;

    private PatchEmbedding3d(Builder b) {
        patch = b.patch;
        hidden = b.hidden;
        projection = addChildBlock("projection", Conv3d.builder()
                .setKernelShape(new Shape(patch, patch, patch))
                .optStride(new Shape(patch, patch, patch))
                .setFilters(hidden)
                .optBias(true)
                .build());
        projection.setInitializer(Convs.torchDefaultInit(), Parameter.Type.WEIGHT);
        positions = addParameter(Parameter.builder()
                .setName("positionEmbedding")
                .setType(Parameter.Type.OTHER)
                .optInitializer(new TruncatedNormalInitializer(0.02f))
                .build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of tokens for an input of spatial size (D, H, W). */
    public int tokenCount(long d, long h, long w) {
        return (int) ((d / patch) * (h / patch) * (w / patch));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        for (int axis = 2; axis < 5; axis++) {
            if (in.get(axis) % patch != 0) {
                throw new IllegalArgumentException("input size " + in + " is not a multiple of the patch " + patch);
            }
        }
        positions.setShape(new Shape(1, tokenCount(in.get(2), in.get(3), in.get(4)), hidden));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), tokenCount(in.get(2), in.get(3), in.get(4)), hidden)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = projection.forward(ps, inputs, training, params).head();
        long n = x.getShape().get(0);
        NDArray tokens = x.reshape(n, hidden, -1).transpose(0, 2, 1);
        NDArray pos = ps.getValue(positions, x.getDevice(), training);
        return new NDList(tokens.add(pos));
    }

    /** Builder: {@code setPatch} and {@code setHiddenSize} are required. */
    public static final class Builder {
        private int patch;
        private int hidden;

        /** Edge length p of the cubic patches (kernel and stride of the projection). */
        public Builder setPatch(int patch) {
            this.patch = patch;
            return this;
        }

        /** Feature length of each token. */
        public Builder setHiddenSize(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public PatchEmbedding3d build() {
            if (patch < 1 || hidden < 1) {
                throw new IllegalArgumentException("patch and hidden size must be positive");
            }
            return new PatchEmbedding3d(this);
        }
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation (Ulyanov et al. 2016, "Instance Normalization: The Missing Ingredient for
 * Fast Stylization") with a learned per-channel scale and shift, equal to PyTorch's
 * {@code InstanceNorm3d(C, affine=True)} (eps 1e-5, biased variance, instance statistics in
 * training and inference alike).
 *
 * <p>Input (N, C, D, H, W) -> output of the same shape. DJL has no instance norm, so this runs
 * the engine's fused batch norm on the input viewed as (1, N*C, D, H, W), which is how PyTorch
 * itself implements instance norm; the running statistics it asks for are throw-away buffers.
 */
public final class InstanceNorm3d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;

    private InstanceNorm3d(Builder builder) {
        super(VERSION);
        this.eps = builder.eps;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape c = new Shape(channelsOf(inputShapes[0]));
        gamma.setShape(c);
        beta.setShape(c);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        if (s.dimension() != 5) throw new IllegalArgumentException("InstanceNorm3d expects (N, C, D, H, W), got " + s);
        long n = s.get(0);
        long c = s.get(1);
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        if (n > 1) {
            g = g.tile(n);
            b = b.tile(n);
        }
        NDManager m = x.getManager();
        Shape stat = new Shape(n * c);
        NDArray runningMean = m.zeros(stat, x.getDataType(), x.getDevice());
        NDArray runningVar = m.ones(stat, x.getDataType(), x.getDevice());
        NDArray flat = x.reshape(1, n * c, s.get(2), s.get(3), s.get(4));
        // axis -1 = the engine's native channel axis (1) without DJL's swap-axes detour
        NDArray y = BatchNorm.batchNorm(flat, runningMean, runningVar, g, b, -1, 0.1f, eps, true).singletonOrThrow();
        return new NDList(y.reshape(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    private static long channelsOf(Shape s) {
        if (s.dimension() != 5) throw new IllegalArgumentException("InstanceNorm3d expects (N, C, D, H, W), got " + s);
        return s.get(1);
    }

    /** Builder: {@code optEps} (default 1e-5). */
    public static final class Builder {
        private float eps = 1e-5f;

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public InstanceNorm3d build() {
            return new InstanceNorm3d(this);
        }
    }
}

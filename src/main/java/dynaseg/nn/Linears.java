package dynaseg.nn;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * Factory for the Linear layers of the transformer blocks, with PyTorch's default weight
 * initialisation (as {@link Convs#torchDefaultInit()}), so that UNETR and Lambda3D start like
 * MONAI's and their PyTorch twins rather than with DJL's larger default.
 *
 * <p>Input (..., in) -> output (..., units); the input length is learned at initialisation.
 */
final class Linears {
    private Linears() {}

    static Linear of(long units, boolean bias) {
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        linear.setInitializer(Convs.torchDefaultInit(), Parameter.Type.WEIGHT);
        return linear;
    }
}

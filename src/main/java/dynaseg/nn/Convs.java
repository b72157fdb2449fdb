package dynaseg.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Factory for the 3D convolutions of dynaseg's blocks: cubic kernel, MONAI's "same" padding
 * {@code (k - s + 1) / 2} (so stride 2 halves the size exactly), and PyTorch's default weight
 * initialisation (uniform in +-1/sqrt(fan_in)), so that the networks start like their PyTorch twins.
 */
public final class Convs {
    private Convs() {}

    /** PyTorch's default for convolution and linear weights: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    public static Initializer torchDefaultInit() {
        return new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f);
    }

    /**
     * A Conv3d with a k x k x k kernel, stride s in every axis and padding (k - s + 1) / 2.
     * Input (N, Cin, D, H, W) -> output (N, out, D/s, H/s, W/s) (for sizes divisible by s).
     */
    public static Conv3d conv3d(int out, int kernel, int stride, boolean bias) {
        if (out < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("conv3d needs positive channels, kernel and stride: " + out + ", " + kernel + ", " + stride);
        }
        int pad = (kernel - stride + 1) / 2;
        if (pad < 0) throw new IllegalArgumentException("stride " + stride + " larger than kernel " + kernel + " + 1");
        Conv3d conv = Conv3d.builder()
                .setFilters(out)
                .setKernelShape(new Shape(kernel, kernel, kernel))
                .optStride(new Shape(stride, stride, stride))
                .optPadding(new Shape(pad, pad, pad))
                .optBias(bias)
                .build();
        conv.setInitializer(torchDefaultInit(), Parameter.Type.WEIGHT);
        return conv;
    }
}

package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a constant that is safe under autograd.
 *
 * <p>Why not {@code x.mul(2)}: DJL 0.36's PyTorch engine turns the number into a temporary 0-d
 * array over a Java direct buffer ({@code torch::from_blob}) and closes it as soon as the product
 * is made. PyTorch's MulBackward / DivBackward keep that tensor to compute the gradient, so the
 * backward pass reads memory that Java may have freed and reused by then: whenever a garbage
 * collection runs between forward and backward, the gradient through that product is garbage
 * (0, or any number). In training this showed as UNETR runs that differed for the same seed, and
 * it can silently corrupt any step. Here the constant is made by the engine ({@code full}), so it
 * lives in PyTorch's own memory for as long as the graph needs it.
 *
 * <p>Addition and subtraction of a number are safe as DJL does them (their backward does not read
 * the constant); so are ops outside a gradient collector (the constant is used at once).
 */
public final class Scalars {
    private Scalars() {}

    /** x * value, with a gradient that stays right whenever the garbage collector runs. */
    public static NDArray times(NDArray x, double value) {
        return x.mul(constantLike(x, value));
    }

    /** x / value, with a gradient that stays right whenever the garbage collector runs. */
    public static NDArray dividedBy(NDArray x, double value) {
        return x.div(constantLike(x, value));
    }

    /** A 0-d array of x's type and device, in engine-owned memory, attached to x's manager. */
    static NDArray constantLike(NDArray x, double value) {
        return x.getManager().full(new Shape(), (float) value, x.getDataType(), x.getDevice());
    }
}

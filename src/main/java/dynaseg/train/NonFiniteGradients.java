package dynaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;

/**
 * Finds where a backward pass went non-finite. A network's parameters are listed from its input to
 * its output (the order its blocks were built in), and the backward pass runs the other way; so
 * the first parameter, counted from the output, whose gradient holds a NaN or an infinity marks
 * where the gradients broke, and every parameter below it is usually broken too.
 */
public final class NonFiniteGradients {
    private NonFiniteGradients() {}

    /** {firstNonFinite, lastFinite} counted from the output; {null, null} when every gradient is finite. */
    public static String[] locate(Block network) {
        ParameterList params = network.getParameters();
        String lastFinite = null;
        for (int i = params.size() - 1; i >= 0; i--) {
            Parameter p = params.valueAt(i);
            if (!p.requiresGradient() || !p.isInitialized() || !p.getArray().hasGradient()) continue;
            if (!finite(p.getArray().getGradient())) return new String[] {params.keyAt(i), lastFinite};
            lastFinite = params.keyAt(i);
        }
        return new String[] {null, null};
    }

    static boolean finite(NDArray a) {
        return !a.isNaN().any().getBoolean() && !a.isInfinite().any().getBoolean();
    }
}

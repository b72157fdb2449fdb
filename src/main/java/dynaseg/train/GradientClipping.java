package dynaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-norm clipping as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all
 * gradients of a block is computed; when it exceeds {@code maxNorm}, every gradient is scaled in
 * place by {@code maxNorm / (norm + 1e-6)}. Call between backward and the optimizer step.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Clips the block's gradients to a global norm of at most {@code maxNorm} (0 or less: only
     * measures) and returns the norm before clipping; non-finite when a gradient is (then nothing
     * is scaled, and the caller should skip the step).
     */
    public static double clipByGlobalNorm(Block block, double maxNorm) {
        try (NDScope scope = new NDScope()) {
            List<NDArray> grads = new ArrayList<>();
            for (Parameter p : block.getParameters().values()) {
                if (!p.requiresGradient() || !p.isInitialized()) continue;
                NDArray w = p.getArray();
                if (w.hasGradient()) grads.add(w.getGradient());
            }
            double sumSquares = 0;
            for (NDArray g : grads) sumSquares += g.square().sum().getFloat();
            double norm = Math.sqrt(sumSquares);
            if (!Double.isFinite(norm) || maxNorm <= 0 || norm <= maxNorm) return norm;
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : grads) g.muli(scale);
            return norm;
        }
    }
}

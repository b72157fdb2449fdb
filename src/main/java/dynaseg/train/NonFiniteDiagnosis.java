package dynaseg.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What went non-finite in a skipped training step, for {@code events.jsonl} and the console.
 *
 * @param gradient           true: the loss was finite and the gradients were not (a fault of the
 *                           backward pass); false: the loss itself was not finite
 * @param firstNonFinite     with {@code gradient}: the parameter nearest the network's output whose
 *                           gradient holds a non-finite value; the backward pass went wrong between
 *                           it and {@code lastFinite}
 * @param lastFinite         the parameter just above it (nearer the output), whose gradient is finite;
 *                           null when the output layer's own gradient is already non-finite
 * @param logitsFinite       with --check-numerics: whether the network's output was finite; else null
 * @param finiteWhenRepeated with --check-numerics and {@code gradient}: whether the very same step (same
 *                           batch, same weights) run again gave finite gradients, which points at a
 *                           kernel or memory fault rather than at the data or the learning rate; else null
 */
public record NonFiniteDiagnosis(boolean gradient, String firstNonFinite, String lastFinite, Boolean logitsFinite,
        Boolean finiteWhenRepeated) {

    /** The event name: {@code nonfinite_gradient} or {@code nonfinite_loss}. */
    public String eventName() {
        return gradient ? "nonfinite_gradient" : "nonfinite_loss";
    }

    /** The event fields beyond epoch, step, loss and gradient norm; unknown ones are left out. */
    public Map<String, Object> eventFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (firstNonFinite != null) m.put("first_nonfinite_parameter", firstNonFinite);
        if (gradient) m.put("last_finite_parameter", lastFinite);
        if (logitsFinite != null) m.put("logits_finite", logitsFinite);
        if (finiteWhenRepeated != null) m.put("finite_when_repeated", finiteWhenRepeated);
        return m;
    }

    /** One line for the console, e.g. "gradients non-finite from 10dec0_01ConvNormAct3d_... (finite above: ...)". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (!gradient) {
            s.append("loss non-finite");
            if (logitsFinite != null) s.append(logitsFinite ? " (network output finite)" : " (network output non-finite)");
            return s.toString();
        }
        s.append("loss finite, gradients non-finite from ").append(firstNonFinite).append(" towards the input");
        s.append(lastFinite == null ? " (already at the output layer)" : " (finite above it: " + lastFinite + ")");
        if (finiteWhenRepeated != null) {
            s.append(finiteWhenRepeated ? "; the same step repeated gave finite gradients: a kernel or memory fault, not the data"
                    : "; the same step repeated was non-finite again");
        }
        return s.toString();
    }
}

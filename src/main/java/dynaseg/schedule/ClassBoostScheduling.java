package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * CBS, class boost scheduling (paper, section 2.2): the PCF trigger and freeze; on the same
 * trigger every class k not frozen whose S_j[k] is a number gets w_k = min(1 / (S_j[k] + zeta), cap).
 * On epochs without a trigger, and for classes with a NaN score, weights keep their last values
 * (the boost of the last trigger, or 1 before any). Frozen classes keep {@code low}.
 */
public final class ClassBoostScheduling extends AbstractSchedule {
    public static final String NAME = "cbs";
    private final PlateauTrigger trigger;
    private final double zeta;
    private final double low;
    private final double cap;

    public ClassBoostScheduling(int numClasses, int delta, double epsilon, double zeta, double low, double cap) {
        super(numClasses, ConstantWeights.ones(numClasses));
        this.trigger = new PlateauTrigger(numClasses, delta, epsilon);
        this.zeta = zeta;
        this.low = low;
        this.cap = cap;
    }

    @Override
    protected void advance(int epoch, double[] scores) {
        OptionalInt frozen = trigger.observe(epoch, scores);
        if (frozen.isEmpty()) return;
        weights[frozen.getAsInt()] = low;
        for (int k = 0; k < numClasses; k++) {
            if (!trigger.isFrozen(k) && !Double.isNaN(scores[k])) weights[k] = boost(scores[k], zeta, cap);
        }
    }

    /** min(1 / (s + zeta), cap); s = 0 with zeta = 0 gives the cap. */
    static double boost(double s, double zeta, double cap) {
        double sum = s + zeta;
        return sum <= 0 ? cap : Math.min(1.0 / sum, cap);
    }

    public boolean[] frozen() { return trigger.frozen(); }

    public int lastTrigger() { return trigger.lastTrigger(); }

    @Override
    protected void saveRuleState(ObjectNode state) { trigger.save(state); }

    @Override
    protected void restoreRuleState(JsonNode state) { trigger.restore(state); }

    @Override
    public String name() { return NAME; }
}

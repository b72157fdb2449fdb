package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * {@code cbs-cumulative}, our extension of CBS (not in the paper): same trigger and freeze, but each
 * trigger multiplies the boost into the current weight, w_k = clamp(w_k / (S_j[k] + zeta), low, cap),
 * so a class that stays weak keeps gaining weight over successive triggers instead of being reset to
 * one fixed boost. The paper observes that CBS helps the weak organs most; this makes that pressure
 * grow while they stay weak.
 */
public final class CumulativeClassBoost extends AbstractSchedule {
    public static final String NAME = "cbs-cumulative";
    private final PlateauTrigger trigger;
    private final double zeta;
    private final double low;
    private final double cap;

    public CumulativeClassBoost(int numClasses, int delta, double epsilon, double zeta, double low, double cap) {
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
            if (trigger.isFrozen(k) || Double.isNaN(scores[k])) continue;
            double w = weights[k] * ClassBoostScheduling.boost(scores[k], zeta, Double.POSITIVE_INFINITY);
            weights[k] = Math.max(low, Math.min(cap, w));
        }
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

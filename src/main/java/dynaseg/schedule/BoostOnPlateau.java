package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * What CBS and cbs-cumulative share: the PCF trigger freezes its class at {@code low}; on the same
 * trigger every class not frozen whose score is a number gets a new weight from
 * {@link #boosted(double, double)}. On epochs without a trigger, and for classes with a NaN score,
 * weights keep their last values.
 */
abstract class BoostOnPlateau extends AbstractSchedule {
    private final PlateauTrigger trigger;
    protected final double zeta;
    protected final double low;
    protected final double cap;

    BoostOnPlateau(int numClasses, int delta, double epsilon, double zeta, double low, double cap, Double initialScore) {
        super(numClasses, ConstantWeights.ones(numClasses));
        this.trigger = new PlateauTrigger(numClasses, delta, epsilon, initialScore);
        this.zeta = zeta;
        this.low = low;
        this.cap = cap;
    }

    /** The weight of a class not frozen, from its current weight and its score, on a trigger. */
    protected abstract double boosted(double current, double score);

    @Override
    protected final void advance(int epoch, double[] scores) {
        OptionalInt frozen = trigger.observe(epoch, scores);
        if (frozen.isEmpty()) return;
        weights[frozen.getAsInt()] = low;
        for (int k = 0; k < numClasses; k++) {
            if (!trigger.isFrozen(k) && !Double.isNaN(scores[k])) weights[k] = boosted(weights[k], scores[k]);
        }
    }

    /** 1 / (s + zeta), at most {@code limit}; s = 0 with zeta = 0 gives the limit. */
    static double boost(double s, double zeta, double limit) {
        double sum = s + zeta;
        return sum <= 0 ? limit : Math.min(1.0 / sum, limit);
    }

    public boolean[] frozen() { return trigger.frozen(); }

    public int lastTrigger() { return trigger.lastTrigger(); }

    /** S_0 of every class, or null: none. */
    public Double initialScore() { return trigger.initialScore(); }

    @Override
    protected void saveRuleState(ObjectNode state) { trigger.save(state); }

    @Override
    protected void restoreRuleState(JsonNode state) { trigger.restore(state); }
}

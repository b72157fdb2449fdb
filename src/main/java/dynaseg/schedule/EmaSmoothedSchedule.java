package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Our extension (not in the paper): feeds a rule an exponential moving average of the scores
 * instead of the raw, noisy validation Dice, m_j = alpha * S_j + (1 - alpha) * m_{j-1}, starting
 * with m = S at a class's first number. A NaN score leaves the class's average unchanged and is
 * passed on as NaN (the class was not measured this epoch). alpha = 1 is no smoothing.
 *
 * <p>The initial score (the paper's S_0, {@link ScheduleSettings#initialScore()}) is not averaged in:
 * m starts at the first measured score, with or without it. Smoothing is there to damp measurement
 * noise, and S_0 is a convention, not a measurement; mixing it in would pull the first averages
 * towards S_0, so that a rising curve could look like a decline to the plateau test, and would make
 * TCF, which has no history, depend on S_0. The wrapped plateau rule still has its own epoch 0 with
 * score S_0, so the literal reading means the same epoch-0 entry with and without smoothing
 * (m_0 = S_0 for that entry).
 */
public final class EmaSmoothedSchedule implements ClassWeightSchedule {
    private final ClassWeightSchedule rule;
    private final double alpha;
    private double[] average;

    public EmaSmoothedSchedule(ClassWeightSchedule rule, double alpha) {
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("ema alpha must be in (0, 1], got " + alpha);
        this.rule = rule;
        this.alpha = alpha;
        this.average = new double[rule.numClasses()];
        Arrays.fill(average, Double.NaN);
    }

    @Override
    public double[] update(int epoch, double[] scores) {
        AbstractSchedule.checkScores(scores, rule.numClasses(), name());
        if (epoch <= rule.lastEpoch()) {
            throw new IllegalArgumentException(name() + ": epoch " + epoch + " comes after epoch " + rule.lastEpoch() + "; epochs must increase");
        }
        double[] next = average.clone();
        double[] seen = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (Double.isNaN(s)) {
                seen[i] = Double.NaN;
                continue;
            }
            next[i] = Double.isNaN(average[i]) ? s : alpha * s + (1 - alpha) * average[i];
            seen[i] = next[i];
        }
        double[] w = rule.update(epoch, seen);
        average = next;
        return w;
    }

    /** The current moving averages, NaN for a class never measured. */
    public double[] averages() { return average.clone(); }

    public double alpha() { return alpha; }

    public ClassWeightSchedule rule() { return rule; }

    @Override
    public double[] weights() { return rule.weights(); }

    @Override
    public int numClasses() { return rule.numClasses(); }

    @Override
    public String name() { return rule.name() + "+ema"; }

    @Override
    public int lastEpoch() { return rule.lastEpoch(); }

    @Override
    public JsonNode saveState() {
        ObjectNode o = StateJson.header(name(), numClasses());
        o.put("alpha", alpha);
        o.set("average", StateJson.array(average));
        o.set("rule", rule.saveState());
        return o;
    }

    @Override
    public void restoreState(JsonNode state) {
        StateJson.checkOwner(state, name(), numClasses());
        double a = StateJson.number(state, "alpha");
        if (a != alpha) throw new IllegalArgumentException("schedule state was smoothed with alpha " + a + ", this schedule uses " + alpha);
        double[] avg = StateJson.doubles(state, "average", numClasses());
        rule.restoreState(StateJson.field(state, "rule"));
        average = avg;
    }
}

package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * What every rule shares: the N current weights, the last epoch, the checks on the inputs and
 * the common part of the saved state. A rule implements {@link #advance} and, when it keeps more
 * than the weights, {@link #saveRuleState} / {@link #restoreRuleState}.
 */
abstract class AbstractSchedule implements ClassWeightSchedule {
    protected final int numClasses;
    protected double[] weights;
    private int lastEpoch;

    protected AbstractSchedule(int numClasses, double[] initialWeights) {
        if (numClasses < 1) throw new IllegalArgumentException("a schedule needs at least one class, got " + numClasses);
        if (initialWeights.length != numClasses) throw new IllegalArgumentException("initial weights must have length " + numClasses);
        this.numClasses = numClasses;
        this.weights = initialWeights.clone();
    }

    /** Turns the scores of {@code epoch} into new values of {@link #weights} (inputs already checked). */
    protected abstract void advance(int epoch, double[] scores);

    protected void saveRuleState(ObjectNode state) {}

    protected void restoreRuleState(JsonNode state) {}

    @Override
    public final double[] update(int epoch, double[] scores) {
        if (epoch <= lastEpoch) {
            throw new IllegalArgumentException(name() + ": epoch " + epoch + " comes after epoch " + lastEpoch + "; epochs must increase");
        }
        checkScores(scores, numClasses, name());
        advance(epoch, scores.clone());
        lastEpoch = epoch;
        return weights();
    }

    static void checkScores(double[] scores, int numClasses, String who) {
        if (scores == null || scores.length != numClasses) {
            throw new IllegalArgumentException(who + ": expected " + numClasses + " scores, got "
                    + (scores == null ? "null" : String.valueOf(scores.length)));
        }
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!Double.isNaN(s) && !(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException(who + ": score of class " + (i + 1) + " is " + s + ", not in [0, 1] or NaN");
            }
        }
    }

    @Override
    public final double[] weights() { return weights.clone(); }

    @Override
    public final int numClasses() { return numClasses; }

    @Override
    public final int lastEpoch() { return lastEpoch; }

    @Override
    public final JsonNode saveState() {
        ObjectNode o = StateJson.header(name(), numClasses);
        o.put("lastEpoch", lastEpoch);
        o.set("weights", StateJson.array(weights));
        saveRuleState(o);
        return o;
    }

    @Override
    public final void restoreState(JsonNode state) {
        StateJson.checkOwner(state, name(), numClasses);
        int epoch = StateJson.integer(state, "lastEpoch");
        double[] w = StateJson.doubles(state, "weights", numClasses);
        restoreRuleState(state);
        lastEpoch = epoch;
        weights = w;
    }

    @Override
    public String toString() {
        return name() + "@" + lastEpoch + Arrays.toString(weights);
    }
}

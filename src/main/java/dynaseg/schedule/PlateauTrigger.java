package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The trigger shared by PCF and CBS (paper, section 2.2). It keeps u, the epoch of the last
 * trigger (0 at start), the set F of frozen classes (frozen for good) and the scores since
 * max(u, e0), e0 being the first epoch of the history. At epoch j it picks i, the class not in F
 * with the highest S_j (NaN never chosen; the lowest index wins a tie), and computes
 * <pre>
 *   C = | max{S_t[i] : t in [max(j-delta, u, e0), j]} - max{S_t[i] : t in [max(u, e0), j]} |
 * </pre>
 * with NaN entries of past epochs skipped. If C &gt; epsilon, i joins F and u = j. Windows are
 * ranges of epoch numbers, so epochs without validation just leave holes. At most one class is
 * frozen per epoch.
 *
 * <p>The paper writes {S_i}_0 = 1. With no initial score ("none", e0 = 1) epoch 0 is notation only
 * and never enters a window. With an initial score v (e0 = 0) the history starts with an epoch 0
 * whose score is v for every class: until the first trigger both windows reach back to it, so the
 * first test after delta epochs compares the recent best with v. After a trigger u &ge; 1 and epoch
 * 0 has left every window for good.
 */
final class PlateauTrigger {
    /**
     * C is a difference of two scores; decimal scores such as 0.80 - 0.79 come out as
     * 0.010000000000000009 in binary, which must not count as larger than epsilon = 0.01.
     */
    static final double ROUNDING_TOLERANCE = 1e-12;

    private record Entry(int epoch, double[] scores) {}

    private final int numClasses;
    private final int delta;
    private final double epsilon;
    /** S_0 of every class, or null: no epoch 0 in the history. */
    private final Double initialScore;
    private int lastTrigger;
    private boolean[] frozen;
    private final List<Entry> history = new ArrayList<>();

    /** @param initialScore S_0 of every class, in [0, 1], or null for none */
    PlateauTrigger(int numClasses, int delta, double epsilon, Double initialScore) {
        if (initialScore != null && !(initialScore >= 0 && initialScore <= 1)) {
            throw new IllegalArgumentException("initial score must be in [0, 1] or none, got " + initialScore);
        }
        this.numClasses = numClasses;
        this.delta = delta;
        this.epsilon = epsilon;
        this.initialScore = initialScore;
        this.frozen = new boolean[numClasses];
        if (initialScore != null) history.add(new Entry(0, filled(numClasses, initialScore)));
    }

    private static double[] filled(int n, double v) {
        double[] s = new double[n];
        Arrays.fill(s, v);
        return s;
    }

    /** e0, the lower bound of both windows before the first trigger. */
    private int firstEpoch() { return initialScore == null ? 1 : 0; }

    /** Records the scores of {@code epoch}; returns the class frozen by this epoch, if any. */
    OptionalInt observe(int epoch, double[] scores) {
        history.add(new Entry(epoch, scores.clone()));
        int candidate = bestUnfrozen(scores);
        if (candidate < 0) return OptionalInt.empty();
        int since = Math.max(lastTrigger, firstEpoch());
        int recentFrom = Math.max(epoch - delta, since);
        double c = Math.abs(maxSince(candidate, recentFrom) - maxSince(candidate, since));
        if (c - epsilon > ROUNDING_TOLERANCE) {
            frozen[candidate] = true;
            lastTrigger = epoch;
            // Windows never reach back before u again.
            history.removeIf(e -> e.epoch() < epoch);
            return OptionalInt.of(candidate);
        }
        return OptionalInt.empty();
    }

    private int bestUnfrozen(double[] scores) {
        int best = -1;
        for (int i = 0; i < numClasses; i++) {
            if (frozen[i] || Double.isNaN(scores[i])) continue;
            if (best < 0 || scores[i] > scores[best]) best = i;
        }
        return best;
    }

    private double maxSince(int cls, int fromEpoch) {
        double max = Double.NEGATIVE_INFINITY;
        for (Entry e : history) {
            double s = e.scores()[cls];
            if (e.epoch() >= fromEpoch && !Double.isNaN(s)) max = Math.max(max, s);
        }
        return max;
    }

    boolean isFrozen(int cls) { return frozen[cls]; }

    boolean[] frozen() { return frozen.clone(); }

    int lastTrigger() { return lastTrigger; }

    /** S_0 of every class, or null for none. */
    Double initialScore() { return initialScore; }

    void save(ObjectNode state) {
        // null = none, as a state written before the option existed (no such field) means.
        if (initialScore == null) state.putNull("initialScore");
        else state.put("initialScore", initialScore);
        state.put("lastTrigger", lastTrigger);
        ArrayNode f = state.putArray("frozen");
        for (int i = 0; i < numClasses; i++) if (frozen[i]) f.add(i);
        ArrayNode h = state.putArray("history");
        for (Entry e : history) {
            ObjectNode row = h.addObject();
            row.put("epoch", e.epoch());
            row.set("scores", StateJson.array(e.scores()));
        }
    }

    void restore(JsonNode state) {
        // The history holds epoch 0 or not, so a state only continues exactly under the reading it was made with.
        JsonNode s0 = state.get("initialScore");
        Double saved = s0 == null || s0.isNull() ? null : StateJson.number(state, "initialScore");
        if (!Objects.equals(saved, initialScore)) {
            throw new IllegalArgumentException("schedule state was made with initial score "
                    + ScheduleSettings.formatInitialScore(saved) + ", this schedule uses " + ScheduleSettings.formatInitialScore(initialScore));
        }
        int u = StateJson.integer(state, "lastTrigger");
        boolean[] f = new boolean[numClasses];
        for (JsonNode i : StateJson.field(state, "frozen")) {
            int c = i.asInt(-1);
            if (c < 0 || c >= numClasses) throw new IllegalArgumentException("schedule state: frozen class " + i + " out of range");
            f[c] = true;
        }
        List<Entry> h = new ArrayList<>();
        for (JsonNode row : StateJson.field(state, "history")) {
            h.add(new Entry(StateJson.integer(row, "epoch"), StateJson.doubles(row, "scores", numClasses)));
        }
        lastTrigger = u;
        frozen = f;
        history.clear();
        history.addAll(h);
    }
}

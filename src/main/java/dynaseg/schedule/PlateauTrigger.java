package dynaseg.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The trigger shared by PCF and CBS (paper, section 2.2). It keeps u, the epoch of the last
 * trigger (0 at start), the set F of frozen classes (frozen for good) and the scores since
 * max(u, 1). At epoch j it picks i, the class not in F with the highest S_j (NaN never chosen; the
 * lowest index wins a tie), and computes
 * <pre>
 *   C = | max{S_t[i] : t in [max(j-delta, u, 1), j]} - max{S_t[i] : t in [max(u, 1), j]} |
 * </pre>
 * with NaN entries of past epochs skipped. If C &gt; epsilon, i joins F and u = j. Epoch 0 never
 * enters a window. Windows are ranges of epoch numbers, so epochs without validation just leave
 * holes. At most one class is frozen per epoch.
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
    private int lastTrigger;
    private boolean[] frozen;
    private final List<Entry> history = new ArrayList<>();

    PlateauTrigger(int numClasses, int delta, double epsilon) {
        this.numClasses = numClasses;
        this.delta = delta;
        this.epsilon = epsilon;
        this.frozen = new boolean[numClasses];
    }

    /** Records the scores of {@code epoch}; returns the class frozen by this epoch, if any. */
    OptionalInt observe(int epoch, double[] scores) {
        history.add(new Entry(epoch, scores.clone()));
        int candidate = bestUnfrozen(scores);
        if (candidate < 0) return OptionalInt.empty();
        int since = Math.max(lastTrigger, 1);
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

    void save(ObjectNode state) {
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

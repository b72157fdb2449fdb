package dynaseg.schedule;

/**
 * CBS, class boost scheduling (paper, section 2.2): the PCF trigger and freeze; on the same
 * trigger every class k not frozen whose S_j[k] is a number gets w_k = min(1 / (S_j[k] + zeta), cap).
 * On epochs without a trigger, and for classes with a NaN score, weights keep their last values
 * (the boost of the last trigger, or 1 before any). Frozen classes keep {@code low}.
 */
public final class ClassBoostScheduling extends BoostOnPlateau {
    public static final String NAME = "cbs";

    /** No initial score: epoch 0 never enters a window. */
    public ClassBoostScheduling(int numClasses, int delta, double epsilon, double zeta, double low, double cap) {
        this(numClasses, delta, epsilon, zeta, low, cap, null);
    }

    /** @param initialScore S_0 of every class (the paper's {S_i}_0 = 1 read literally), or null for none */
    public ClassBoostScheduling(int numClasses, int delta, double epsilon, double zeta, double low, double cap, Double initialScore) {
        super(numClasses, delta, epsilon, zeta, low, cap, initialScore);
    }

    @Override
    protected double boosted(double current, double score) {
        return boost(score, zeta, cap);
    }

    @Override
    public String name() { return NAME; }
}

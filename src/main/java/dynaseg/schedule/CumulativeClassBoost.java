package dynaseg.schedule;

/**
 * {@code cbs-cumulative}, our extension of CBS (not in the paper): same trigger and freeze, but each
 * trigger multiplies the boost into the current weight, w_k = clamp(w_k / (S_j[k] + zeta), low, cap),
 * so a class that stays weak keeps gaining weight over successive triggers instead of being reset to
 * one fixed boost. The paper observes that CBS helps the weak organs most; this makes that pressure
 * grow while they stay weak.
 */
public final class CumulativeClassBoost extends BoostOnPlateau {
    public static final String NAME = "cbs-cumulative";

    /** No initial score: epoch 0 never enters a window. */
    public CumulativeClassBoost(int numClasses, int delta, double epsilon, double zeta, double low, double cap) {
        this(numClasses, delta, epsilon, zeta, low, cap, null);
    }

    /** @param initialScore S_0 of every class (the paper's {S_i}_0 = 1 read literally), or null for none */
    public CumulativeClassBoost(int numClasses, int delta, double epsilon, double zeta, double low, double cap, Double initialScore) {
        super(numClasses, delta, epsilon, zeta, low, cap, initialScore);
    }

    @Override
    protected double boosted(double current, double score) {
        double w = current * boost(score, zeta, Double.POSITIVE_INFINITY);
        return Math.max(low, Math.min(cap, w));
    }

    @Override
    public String name() { return NAME; }
}

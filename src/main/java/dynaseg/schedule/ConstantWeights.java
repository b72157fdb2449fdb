package dynaseg.schedule;

import java.util.Arrays;

/** The {@code none} schedule: every foreground class keeps weight 1 (plain, unweighted loss). */
public final class ConstantWeights extends AbstractSchedule {
    public static final String NAME = "none";

    public ConstantWeights(int numClasses) {
        super(numClasses, ones(numClasses));
    }

    static double[] ones(int n) {
        if (n < 1) throw new IllegalArgumentException("a schedule needs at least one class, got " + n);
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    protected void advance(int epoch, double[] scores) {}

    @Override
    public String name() { return NAME; }
}

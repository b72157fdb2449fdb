package dynaseg.schedule;

/**
 * TCF, threshold class freezing (paper, section 2.2): after epoch j, w_i = low if S_j[i] &gt; tau
 * else 1, decided afresh every epoch (a class whose score falls back to tau or below is thawed).
 * A NaN score is not above tau, so its class gets 1.
 */
public final class ThresholdClassFreezing extends AbstractSchedule {
    public static final String NAME = "tcf";
    private final double tau;
    private final double low;

    public ThresholdClassFreezing(int numClasses, double tau, double low) {
        super(numClasses, ConstantWeights.ones(numClasses));
        this.tau = tau;
        this.low = low;
    }

    @Override
    protected void advance(int epoch, double[] scores) {
        for (int i = 0; i < numClasses; i++) weights[i] = scores[i] > tau ? low : 1.0;
    }

    @Override
    public String name() { return NAME; }
}

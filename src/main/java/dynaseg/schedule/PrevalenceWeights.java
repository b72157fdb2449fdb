package dynaseg.schedule;

/**
 * The static {@code prevalence} baseline (paper, section 2.3): w_i proportional to 1/f_i, f_i being
 * class i's share of the foreground voxels of the training set, scaled so that mean(w) = 1. The
 * weights never change; {@code low} and {@code cap} do not apply. Only the ratios of the f_i matter,
 * so shares need not sum to 1 (voxel counts work too).
 */
public final class PrevalenceWeights extends AbstractSchedule {
    public static final String NAME = "prevalence";

    public PrevalenceWeights(double[] prevalence) {
        super(checkedLength(prevalence), inverseMeanOne(prevalence));
    }

    private static int checkedLength(double[] f) {
        if (f == null || f.length == 0) {
            throw new IllegalArgumentException("the prevalence schedule needs the foreground share of every class (--prevalence f1,...,fN)");
        }
        return f.length;
    }

    /** w_i = (1/f_i) / mean_k(1/f_k). */
    static double[] inverseMeanOne(double[] f) {
        double[] w = new double[f.length];
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            if (!(f[i] > 0) || !Double.isFinite(f[i])) {
                throw new IllegalArgumentException("prevalence of class " + (i + 1) + " must be a positive number, got " + f[i]);
            }
            w[i] = 1.0 / f[i];
            sum += w[i];
        }
        double mean = sum / f.length;
        for (int i = 0; i < f.length; i++) w[i] /= mean;
        return w;
    }

    @Override
    protected void advance(int epoch, double[] scores) {}

    @Override
    public String name() { return NAME; }
}

package dynaseg.eval;

/**
 * One organ's scores in one case (or their means): Dice, 95th-percentile Hausdorff distance (mm)
 * and normalized surface Dice. NaN = not defined (the organ is absent from the truth); an
 * infinite HD95 means the prediction missed an organ that the truth has.
 */
public record OrganScores(double dice, double hd95, double nsd) {
    public static final OrganScores ABSENT = new OrganScores(Double.NaN, Double.NaN, Double.NaN);
}

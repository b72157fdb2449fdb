package dynaseg.eval;

/**
 * Whether our runs back one of the paper's claims, in plain words: they agree when the 95 %
 * interval of the change lies wholly on the side of the paper's change, disagree when it lies
 * wholly on the other side, and cannot tell when it holds 0 or there is no interval. With no
 * paper figure there is no claim, only the direction our runs show.
 */
public enum Verdict {
    AGREES("agrees"), DISAGREES("disagrees"), CANNOT_TELL("cannot tell"), NO_CLAIM("no paper figure");

    private final String words;

    Verdict(String words) { this.words = words; }

    public String words() { return words; }

    /** The verdict for our interval against the paper's change (NaN = the paper has no figure). */
    public static Verdict of(PairedInterval ours, double paperChange) {
        if (Double.isNaN(paperChange)) return NO_CLAIM;
        if (!ours.defined() || paperChange == 0 || (ours.low() <= 0 && ours.high() >= 0)) return CANNOT_TELL;
        boolean oursUp = ours.low() > 0;
        return oursUp == (paperChange > 0) ? AGREES : DISAGREES;
    }

    /** The verdict with its reason: {@code cannot tell: one pair}, {@code agrees}, ... */
    public static String explain(PairedInterval ours, double paperChange) {
        Verdict v = of(ours, paperChange);
        String direction = !ours.defined() ? null : ours.low() > 0 ? "higher" : ours.high() < 0 ? "lower" : "interval contains 0";
        if (ours.n() == 0) return v.words + (v == NO_CLAIM ? "" : ": no pairs");
        if (ours.n() == 1) return v.words + (v == NO_CLAIM ? "; one pair" : ": one pair");
        if (v == NO_CLAIM) return v.words + "; " + direction;
        if (v == CANNOT_TELL) return v.words + ": " + direction;
        return v.words + " (" + direction + ")";
    }
}

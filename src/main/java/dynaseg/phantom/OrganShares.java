package dynaseg.phantom;

import dynaseg.data.Organ;
import dynaseg.io.LabelMap;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Each organ's share of labelled voxels, summed over cases, next to the BTCV shares of the paper's
 * Table 1 that the phantoms aim for.
 */
public final class OrganShares {
    /** Share (%) of labelled voxels per organ in BTCV, from the paper's Table 1. */
    public static final Map<Organ, Double> BTCV_PERCENT = new EnumMap<>(Map.ofEntries(
            Map.entry(Organ.LIVER, 55.2), Map.entry(Organ.STOMACH, 14.1), Map.entry(Organ.SPLEEN, 9.1),
            Map.entry(Organ.KIDNEY_RIGHT, 5.1), Map.entry(Organ.KIDNEY_LEFT, 5.1), Map.entry(Organ.AORTA, 3.1),
            Map.entry(Organ.INFERIOR_VENA_CAVA, 2.8), Map.entry(Organ.PANCREAS, 2.8),
            Map.entry(Organ.PORTAL_VEIN_AND_SPLENIC_VEIN, 1.1), Map.entry(Organ.GALLBLADDER, 0.9),
            Map.entry(Organ.ESOPHAGUS, 0.5), Map.entry(Organ.ADRENAL_GLAND_RIGHT, 0.1),
            Map.entry(Organ.ADRENAL_GLAND_LEFT, 0.1)));

    private final long[] counts = new long[Organ.values().length + 1];
    private int cases;

    /** Adds one case's labels. */
    public synchronized void add(LabelMap labels) {
        long[] c = labels.counts();
        for (int l = 0; l < counts.length; l++) counts[l] += c[l];
        cases++;
    }

    public synchronized int cases() { return cases; }

    /** Voxel count of label 0..13 over all cases added. */
    public synchronized long count(int label) { return counts[label]; }

    /** The organ's share of all labelled voxels, in percent (NaN before any organ voxel). */
    public synchronized double percent(Organ organ) {
        long fg = 0;
        for (int l = 1; l < counts.length; l++) fg += counts[l];
        return fg == 0 ? Double.NaN : 100.0 * counts[organ.label()] / fg;
    }

    /** A table: organ, share here, BTCV share, relative difference. */
    public synchronized String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %8s %8s %8s%n", "organ", "share%", "BTCV%", "diff"));
        for (Organ o : Organ.values()) {
            double here = percent(o), target = BTCV_PERCENT.get(o);
            sb.append(String.format(Locale.ROOT, "%-30s %8.2f %8.2f %+7.0f%%%n", o.structureName(), here, target,
                    100 * (here - target) / target));
        }
        return sb.toString();
    }
}

package dynaseg.data.formats;

import dynaseg.data.VoxelShare;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link DatasetInspector} finds in a dataset. Voxel counts, spacing and size are over the kept
 * cases (those that pass the organ filter), the data a run would train on.
 *
 * @param cases       cases in the dataset (after the file checks made when it was opened)
 * @param kept        cases that were read and hold at least {@code minOrgans} foreground classes
 * @param unreadable  cases that failed to read during inspection (reported as problems)
 * @param classVoxels voxel count of each label id over the kept cases
 * @param spacing     {min, median, max} x {x, y, z} voxel size in mm
 * @param size        {min, median, max} x {x, y, z} grid size in voxels
 */
public record DatasetStats(String format, int cases, int kept, int unreadable, int minOrgans, List<String> classNames,
        long[] classVoxels, double[][] spacing, double[][] size) {

    /** Foreground class name -> voxel count over the kept cases. */
    public Map<String, Long> organVoxels() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int c = 1; c < classNames.size(); c++) m.put(classNames.get(c), classVoxels[c]);
        return m;
    }

    /** Foreground class name -> percent of all labelled (foreground) voxels: Table 1's "Voxels (%)". */
    public Map<String, Double> voxelShare() {
        double[] share = VoxelShare.of(java.util.Arrays.copyOfRange(classVoxels, 1, Math.max(1, classNames.size())), 100.0);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 1; c < classNames.size(); c++) m.put(classNames.get(c), share[c - 1]);
        return m;
    }

    /** JSON with keys format, cases, kept, unreadable, min_organs, voxel_share, organ_voxels, spacing, size. */
    public String toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", format);
        j.put("cases", cases);
        j.put("kept", kept);
        j.put("unreadable", unreadable);
        j.put("min_organs", minOrgans);
        j.put("voxel_share", voxelShare());
        j.put("organ_voxels", organVoxels());
        j.put("spacing", minMedianMax(spacing));
        j.put("size", minMedianMax(size));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, double[]> minMedianMax(double[][] v) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("min", v[0]);
        m.put("median", v[1]);
        m.put("max", v[2]);
        return m;
    }

    /** A plain-text report for the terminal. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "format: %s%ncases: %d, kept: %d (at least %d organs), unreadable: %d%n",
                format, cases, kept, minOrgans, unreadable));
        String[] rows = {"min", "median", "max"};
        for (int r = 0; r < 3; r++) {
            b.append(String.format(Locale.ROOT, "%-7s spacing %.2f x %.2f x %.2f mm, size %.0f x %.0f x %.0f%n", rows[r],
                    spacing[r][0], spacing[r][1], spacing[r][2], size[r][0], size[r][1], size[r][2]));
        }
        b.append(String.format(Locale.ROOT, "%-30s %14s %10s%n", "organ", "voxels", "voxels (%)"));
        Map<String, Double> share = voxelShare();
        for (Map.Entry<String, Long> e : organVoxels().entrySet()) {
            b.append(String.format(Locale.ROOT, "%-30s %14d %10.2f%n", e.getKey(), e.getValue(), share.get(e.getKey())));
        }
        return b.toString();
    }
}

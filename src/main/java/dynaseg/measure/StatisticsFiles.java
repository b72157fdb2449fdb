package dynaseg.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dynaseg.io.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@link OrganStatistics} rows of one case as
 * <ul>
 *   <li>{@value #JSON}, TotalSegmentator's shape and keys, one object per organ by name:
 *       {@code {"spleen": {"volume": mm³, "intensity": mean, "volume_ml": ml, "voxels": n,
 *       "median": m, "std": s}}}. {@code volume} is in mm³ and {@code intensity} is the mean, as
 *       in TotalSegmentator's statistics.json, so readers of its files read these; the other keys
 *       are added. An absent organ has volume 0 and {@code null} statistics (TotalSegmentator
 *       writes 0.0, which reads as water).</li>
 *   <li>{@value #CSV}: {@code case,organ,label,voxels,volume_ml,volume_mm3,mean,median,std}, one
 *       row per organ, numbers with 6 decimals, {@code nan} for an absent organ's statistics.</li>
 * </ul>
 * Both files are written through a temporary file renamed into place.
 */
public final class StatisticsFiles {
    public static final String JSON = "statistics.json";
    public static final String CSV = "statistics.csv";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatisticsFiles() {}

    /** Writes {@value #CSV}, then {@value #JSON}, into {@code dir} (created if missing). */
    public static void write(Path dir, String caseName, List<OrganStatistics.Organ> rows) throws IOException {
        Files.createDirectories(dir);
        byte[] csv = csv(caseName, rows).getBytes(StandardCharsets.UTF_8);
        byte[] json = json(rows).getBytes(StandardCharsets.UTF_8);
        TempFiles.replace(dir.resolve(CSV), out -> out.write(csv));
        TempFiles.replace(dir.resolve(JSON), out -> out.write(json));
    }

    /** True when both files are in {@code dir}. */
    public static boolean exist(Path dir) {
        return Files.isRegularFile(dir.resolve(JSON)) && Files.isRegularFile(dir.resolve(CSV));
    }

    public static String json(List<OrganStatistics.Organ> rows) {
        ObjectNode root = MAPPER.createObjectNode();
        for (OrganStatistics.Organ o : rows) {
            ObjectNode n = root.putObject(o.name());
            n.put("volume", o.volumeMm3());
            put(n, "intensity", o.mean());
            n.put("volume_ml", o.volumeMl());
            n.put("voxels", o.voxels());
            put(n, "median", o.median());
            put(n, "std", o.std());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v);
        else n.putNull(key);
    }

    public static String csv(String caseName, List<OrganStatistics.Organ> rows) {
        StringBuilder sb = new StringBuilder("case,organ,label,voxels,volume_ml,volume_mm3,mean,median,std\n");
        for (OrganStatistics.Organ o : rows) {
            sb.append(field(caseName)).append(',').append(field(o.name())).append(',').append(o.label()).append(',')
                    .append(o.voxels()).append(',').append(number(o.volumeMl())).append(',').append(number(o.volumeMm3()))
                    .append(',').append(number(o.mean())).append(',').append(number(o.median())).append(',')
                    .append(number(o.std())).append('\n');
        }
        return sb.toString();
    }

    /** Organ, voxels, volume (ml) and HU mean/median/std as an aligned text table, absent organs with "-". */
    public static String table(List<OrganStatistics.Organ> rows) {
        int width = "organ".length();
        for (OrganStatistics.Organ o : rows) width = Math.max(width, o.name().length());
        String fmt = "%-" + width + "s  %5s  %9s  %11s  %9s  %9s  %9s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, fmt, "organ", "label", "voxels", "volume (ml)",
                "mean", "median", "std"));
        for (OrganStatistics.Organ o : rows) {
            sb.append(String.format(Locale.ROOT, fmt, o.name(), o.label(), o.voxels(), String.format(Locale.ROOT, "%.2f",
                    o.volumeMl()), cell(o.mean()), cell(o.median()), cell(o.std())));
        }
        return sb.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "nan";
    }
}

package dynaseg.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Writes an {@link EvaluationResult} as JSON, CSV or a console table.
 * <ul>
 *   <li>JSON: {@code {"tolerance_mm": τ, "organs": [...], "cases": [{"case", "organ", "dice",
 *       "hd95", "nsd"}, ...], "mean": {"<organ>": {"dice", "hd95", "nsd", "cases"}}}}; NaN is
 *       {@code null}, an infinite HD95 is the string {@code "inf"} (JSON has no infinity).</li>
 *   <li>CSV: {@code case,organ,dice,hd95,nsd}, one row per case and organ, then one row per organ
 *       whose case is {@code mean}; numbers with 6 decimals, {@code nan}, {@code inf}.</li>
 *   <li>Table: the per-organ means and the number of cases that have the organ.</li>
 * </ul>
 */
public final class EvaluationWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationWriter() {}

    public static String json(EvaluationResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tolerance_mm", r.toleranceMm());
        ArrayNode organs = root.putArray("organs");
        r.organs().forEach(organs::add);
        ArrayNode cases = root.putArray("cases");
        for (CaseEvaluation c : r.cases()) {
            for (int l = 1; l <= r.organs().size(); l++) {
                ObjectNode row = cases.addObject();
                row.put("case", c.caseName());
                row.put("organ", r.organs().get(l - 1));
                putScores(row, c.scores(l));
            }
        }
        ObjectNode mean = root.putObject("mean");
        for (int l = 1; l <= r.organs().size(); l++) {
            ObjectNode m = mean.putObject(r.organs().get(l - 1));
            putScores(m, r.means().get(l - 1));
            m.put("cases", casesWith(r, l));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putScores(ObjectNode node, OrganScores s) {
        put(node, "dice", s.dice());
        put(node, "hd95", s.hd95());
        put(node, "nsd", s.nsd());
    }

    private static void put(ObjectNode node, String key, double v) {
        if (Double.isNaN(v)) node.putNull(key);
        else if (Double.isInfinite(v)) node.put(key, v > 0 ? "inf" : "-inf");
        else node.put(key, v);
    }

    public static String csv(EvaluationResult r) {
        StringBuilder sb = new StringBuilder("case,organ,dice,hd95,nsd\n");
        for (CaseEvaluation c : r.cases()) {
            for (int l = 1; l <= r.organs().size(); l++) row(sb, c.caseName(), r.organs().get(l - 1), c.scores(l));
        }
        for (int l = 1; l <= r.organs().size(); l++) row(sb, "mean", r.organs().get(l - 1), r.means().get(l - 1));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String caseName, String organ, OrganScores s) {
        sb.append(csvField(caseName)).append(',').append(csvField(organ)).append(',').append(number(s.dice()))
                .append(',').append(number(s.hd95())).append(',').append(number(s.nsd())).append('\n');
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Per-organ means as an aligned text table, with the mean over organs (NaN skipped) last. */
    public static String table(EvaluationResult r) {
        int width = "organ".length();
        for (String o : r.organs()) width = Math.max(width, o.length());
        String nsd = "NSD@" + trim(r.toleranceMm()) + "mm";
        String fmt = "%-" + width + "s  %7s  %10s  %10s  %5s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "organ", "Dice", "HD95 (mm)", nsd, "cases"));
        double[] sum = new double[3];
        int[] n = new int[3];
        for (int l = 1; l <= r.organs().size(); l++) {
            OrganScores m = r.means().get(l - 1);
            sb.append(String.format(Locale.ROOT, fmt, r.organs().get(l - 1), cell(m.dice(), 4), cell(m.hd95(), 2),
                    cell(m.nsd(), 4), casesWith(r, l)));
            double[] v = {m.dice(), m.hd95(), m.nsd()};
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(v[k])) {
                    sum[k] += v[k];
                    n[k]++;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, fmt, "mean", cell(mean(sum[0], n[0]), 4), cell(mean(sum[1], n[1]), 2),
                cell(mean(sum[2], n[2]), 4), r.cases().size()));
        return sb.toString();
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    private static String cell(double v, int decimals) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return "inf";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** How many cases have organ {@code label} in their truth. */
    static int casesWith(EvaluationResult r, int label) {
        int n = 0;
        for (CaseEvaluation c : r.cases()) if (!Double.isNaN(c.scores(label).dice())) n++;
        return n;
    }
}

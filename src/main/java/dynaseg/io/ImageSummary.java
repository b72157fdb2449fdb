package dynaseg.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code dynaseg info} shows about a NIfTI image: header facts, the statistics of its
 * (scaled) values and, when asked, the voxel count of each label value. Renders itself as JSON
 * fields (keys: dims, spacing, datatype, orientation, affine, min, max, mean, labels, and
 * label_names with a table) or as an aligned text listing.
 *
 * @param labelCounts voxels per integer value, ascending; null unless label counts were asked for
 * @param labelTable  names shown beside the label counts, or null
 */
public record ImageSummary(Path file, NiftiHeader header, Geometry geometry, double min, double max, double mean,
        SortedMap<Long, Long> labelCounts, LabelTable labelTable) {

    /** Reads the image and summarises it; {@code countLabels} needs integer values (after scaling). */
    public static ImageSummary of(Path file, boolean countLabels) throws IOException {
        NiftiHeader header = Nifti.readHeader(file);
        Volume v = Nifti.readVolume(file);
        float[] x = v.voxels();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float f : x) {
            if (f < min) min = f;
            if (f > max) max = f;
            sum += f;
        }
        double mean = x.length == 0 ? Double.NaN : sum / x.length;
        return new ImageSummary(file, header, v.geometry(), min, max, mean, countLabels ? countLabels(file, x, min, max) : null,
                null);
    }

    /** This summary with organ names beside its label counts. */
    public ImageSummary withLabelTable(LabelTable table) {
        return new ImageSummary(file, header, geometry, min, max, mean, labelCounts, table);
    }

    private static SortedMap<Long, Long> countLabels(Path file, float[] x, double min, double max) {
        SortedMap<Long, Long> counts = new TreeMap<>();
        if (!(max - min < (1 << 20))) {
            Map<Long, Long> map = new HashMap<>();
            for (float f : x) map.merge(labelValue(file, f), 1L, Long::sum);
            counts.putAll(map);
            return counts;
        }
        long base = (long) Math.floor(min);
        long[] histogram = new long[(int) (Math.ceil(max) - base) + 1];
        for (float f : x) histogram[(int) (labelValue(file, f) - base)]++;
        for (int i = 0; i < histogram.length; i++) if (histogram[i] > 0) counts.put(base + i, histogram[i]);
        return counts;
    }

    private static long labelValue(Path file, float f) {
        if (f != Math.rint(f)) {
            throw new IllegalArgumentException(file + ": label counts need integer values, but the image holds " + f);
        }
        return (long) f;
    }

    /** Fields in display order, ready for Jackson. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("dims", geometry.dims());
        m.put("spacing", geometry.spacing());
        m.put("datatype", header.datatype().numpyName());
        m.put("orientation", geometry.orientation());
        m.put("affine", geometry.affine());
        m.put("qform_code", geometry.qformCode());
        m.put("sform_code", geometry.sformCode());
        m.put("min", min);
        m.put("max", max);
        m.put("mean", mean);
        if (labelCounts != null) {
            Map<String, Long> labels = new LinkedHashMap<>();
            labelCounts.forEach((value, count) -> labels.put(Long.toString(value), count));
            m.put("labels", labels);
            if (labelTable != null) {
                Map<String, String> names = new LinkedHashMap<>();
                labelCounts.keySet().forEach(value -> names.put(Long.toString(value), name(value)));
                m.put("label_names", names);
            }
        }
        return m;
    }

    /** An aligned "name  value" listing. */
    public String toText() {
        List<String[]> rows = new ArrayList<>();
        int[] d = geometry.dims();
        double[] s = geometry.spacing();
        rows.add(new String[] {"file", file.toString()});
        rows.add(new String[] {"format", "NIfTI-" + header.version() + ", " + (header.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? "little" : "big") + "-endian"});
        rows.add(new String[] {"dims", d[0] + " x " + d[1] + " x " + d[2]});
        rows.add(new String[] {"spacing", num(s[0]) + " x " + num(s[1]) + " x " + num(s[2]) + " mm"});
        rows.add(new String[] {"datatype", header.datatype().numpyName()
                + (header.isScaled() ? " (scl_slope " + num(header.sclSlope()) + ", scl_inter " + num(header.sclInter()) + ")" : "")});
        rows.add(new String[] {"orientation", geometry.orientation()});
        rows.add(new String[] {"qform/sform", "codes " + geometry.qformCode() + " / " + geometry.sformCode()});
        String[] affineLines = affineLines(geometry.affine());
        for (int r = 0; r < affineLines.length; r++) rows.add(new String[] {r == 0 ? "affine" : "", affineLines[r]});
        rows.add(new String[] {"min", num(min)});
        rows.add(new String[] {"max", num(max)});
        rows.add(new String[] {"mean", num(mean)});
        if (labelCounts != null) {
            long total = labelCounts.values().stream().mapToLong(Long::longValue).sum();
            int w = labelCounts.keySet().stream().mapToInt(k -> Long.toString(k).length()).max().orElse(1);
            int wc = labelCounts.values().stream().mapToInt(c -> Long.toString(c).length()).max().orElse(1);
            boolean first = true;
            for (Map.Entry<Long, Long> e : labelCounts.entrySet()) {
                String line = String.format(Locale.ROOT, "%" + w + "d  %" + wc + "d voxels  %6.2f%%", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / total) + (labelTable == null ? "" : "  " + name(e.getKey()));
                rows.add(new String[] {first ? "labels" : "", line});
                first = false;
            }
        }
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) out.append(String.format(Locale.ROOT, "%-" + width + "s%s%n", r[0], r[1]));
        return out.toString();
    }

    /** The table's name of a value; values a label map cannot hold are label_<k> too. */
    private String name(long value) {
        return value >= 0 && value <= 255 ? labelTable.name((int) value) : "label_" + value;
    }

    private static String[] affineLines(double[][] a) {
        String[][] cells = new String[4][4];
        int[] widths = new int[4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                cells[r][c] = String.format(Locale.ROOT, "%.4f", a[r][c] == 0 ? 0.0 : a[r][c]);
                widths[c] = Math.max(widths[c], cells[r][c].length());
            }
        }
        String[] lines = new String[4];
        for (int r = 0; r < 4; r++) {
            StringBuilder b = new StringBuilder("[");
            for (int c = 0; c < 4; c++) b.append(c == 0 ? "" : "  ").append(String.format("%" + widths[c] + "s", cells[r][c]));
            lines[r] = b.append("]").toString();
        }
        return lines;
    }

    /** Integers without a decimal point, other numbers with 6 significant digits. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

package dynaseg.data.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TotalSegmentator's {@code meta.csv}: {@code ;}-separated, a header row, columns {@code image_id}
 * and (optional) {@code split} with values {@code train}, {@code val} or {@code test}.
 */
final class TotalSegMeta {
    enum Split { TRAIN, VAL, TEST }

    private TotalSegMeta() {}

    /** image_id -> split, in file order. */
    static Map<String, Split> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException(csv + ": empty file; expected a header row with image_id;split");
        String[] header = cells(lines.get(0));
        int idCol = -1, splitCol = -1;
        for (int i = 0; i < header.length; i++) {
            String h = header[i].toLowerCase(Locale.ROOT);
            if (h.equals("image_id")) idCol = i;
            if (h.equals("split")) splitCol = i;
        }
        if (idCol < 0) {
            throw new IOException(csv + ": no image_id column in the header '" + lines.get(0) + "' (columns are separated by ';')");
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        for (int row = 1; row < lines.size(); row++) {
            if (lines.get(row).isBlank()) continue;
            String[] c = cells(lines.get(row));
            if (c.length <= idCol || c[idCol].isEmpty()) throw new IOException(csv + " line " + (row + 1) + ": no image_id");
            String split = splitCol >= 0 && c.length > splitCol ? c[splitCol].toLowerCase(Locale.ROOT) : "train";
            splits.put(c[idCol], switch (split) {
                case "val", "valid", "validation" -> Split.VAL;
                case "test" -> Split.TEST;
                default -> Split.TRAIN;
            });
        }
        return splits;
    }

    private static String[] cells(String line) {
        String[] c = line.split(";", -1);
        for (int i = 0; i < c.length; i++) {
            String s = c[i].trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
            c[i] = s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
        return c;
    }
}

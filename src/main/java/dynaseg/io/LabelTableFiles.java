package dynaseg.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The two files a {@link LabelTable} is written as, next to the label maps it describes, and
 * read back from:
 * <ul>
 *   <li>{@value #LABELS_JSON}: the {@code labels} object of an nnU-Net v2 {@code dataset.json},
 *       name to value, ascending by value: {@code {"labels": {"background": 0, "spleen": 1}}}.
 *       Any {@code dataset.json} reads as a table too, in nnU-Net v2 form or MSD form
 *       ({@code {"labels": {"0": "background", "1": "spleen"}}}); other keys are ignored.</li>
 *   <li>{@value #COLOR_TABLE}: a 3D Slicer colour table, as Slicer's colour-table storage node
 *       writes it: two {@code #} comment lines ({@code # Color table file <name>},
 *       {@code # <N> values} with N = largest value + 1), then one line per label
 *       {@code value name R G B A}, colours as integers 0..255, whitespace in names replaced by
 *       {@code _} (Slicer shows an {@code _} as a space).</li>
 * </ul>
 * A file whose name ends in {@code .ctbl} or {@code .txt} is read as a colour table, anything
 * else as JSON. Errors name the file (and the line, for colour tables).
 */
public final class LabelTableFiles {
    public static final String LABELS_JSON = "labels.json";
    public static final String COLOR_TABLE = "labels.ctbl";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LabelTableFiles() {}

    /** {@value #LABELS_JSON} in the folder of {@code file}, if there is one. */
    public static Optional<Path> besideFile(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Optional.empty() : inFolder(dir);
    }

    /** {@code dir/}{@value #LABELS_JSON}, if it is there. */
    public static Optional<Path> inFolder(Path dir) {
        Path json = dir.resolve(LABELS_JSON);
        return Files.isRegularFile(json) ? Optional.of(json) : Optional.empty();
    }

    /**
     * Writes {@value #LABELS_JSON} and {@value #COLOR_TABLE} into {@code dir} (created if missing),
     * each through a temporary file renamed into place, so a reader never finds half a table.
     */
    public static void write(Path dir, LabelTable table) throws IOException {
        Files.createDirectories(dir);
        byte[] json = labelsJson(table).getBytes(StandardCharsets.UTF_8);
        byte[] ctbl = colorTable(table, COLOR_TABLE).getBytes(StandardCharsets.UTF_8);
        TempFiles.replace(dir.resolve(LABELS_JSON), out -> out.write(json));
        TempFiles.replace(dir.resolve(COLOR_TABLE), out -> out.write(ctbl));
    }

    /** {@code {"labels": {"<name>": value, ...}}}, ascending by value (nnU-Net v2 maps name to value). */
    public static String labelsJson(LabelTable table) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode labels = root.putObject("labels");
        for (LabelTable.Entry e : table.entries()) labels.put(e.name(), e.value());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Slicer colour table text; {@code fileName} goes into the first comment line, as Slicer writes it. */
    public static String colorTable(LabelTable table, String fileName) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Color table file ").append(fileName).append('\n');
        sb.append("# ").append(table.maxValue() + 1).append(" values\n");
        for (LabelTable.Entry e : table.entries()) {
            sb.append(String.format(Locale.ROOT, "%d %s %d %d %d %d\n", e.value(), slicerName(e.name()), e.red(), e.green(),
                    e.blue(), e.alpha()));
        }
        return sb.toString();
    }

    /** One token: Slicer splits lines on whitespace, and stores an empty name as "_". */
    static String slicerName(String name) {
        String n = name.strip().replaceAll("\\s+", "_");
        return n.isEmpty() ? "_" : n;
    }

    /** Reads a table from a colour table ({@code .ctbl}, {@code .txt}) or a JSON file with a {@code labels} object. */
    public static LabelTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file + ": no such label table file");
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return lower.endsWith(".ctbl") || lower.endsWith(".txt") ? readColorTable(file) : readJson(file);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static LabelTable readJson(Path file) throws IOException {
        JsonNode labels;
        try {
            JsonNode doc = new ObjectMapper().readTree(file.toFile());
            labels = doc == null || !doc.isObject() ? null : doc.get("labels");
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (labels == null || !labels.isObject()) {
            throw new IOException(file + ": no 'labels' object (e.g. {\"labels\": {\"background\": 0, \"spleen\": 1}})");
        }
        return LabelTable.of(labelsById(file, labels));
    }

    /**
     * Label value -> name from a dataset.json {@code labels} object in either of its forms: MSD's
     * {@code "1": "spleen"} or nnU-Net v2's {@code "spleen": 1}; nnU-Net regions (lists of values)
     * and a value given twice are errors naming {@code file}.
     */
    public static Map<Integer, String> labelsById(Path file, JsonNode labels) throws IOException {
        Map<Integer, String> names = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().trim();
            JsonNode value = e.getValue();
            int id;
            String name;
            if (key.matches("\\d+") && value.isTextual()) { // MSD: "1": "spleen"
                id = Integer.parseInt(key);
                name = value.asText();
            } else if (value.isInt()) { // nnU-Net v2: "spleen": 1
                id = value.asInt();
                name = key;
            } else if (value.isArray()) {
                throw new IOException(file + ": label \"" + key + "\" is an nnU-Net region (" + value
                        + "); only one value per label is supported");
            } else {
                throw new IOException(file + ": cannot read label entry \"" + key + "\": " + value);
            }
            if (names.put(id, name) != null) throw new IOException(file + ": label value " + id + " is given twice");
        }
        return names;
    }

    /**
     * Slicer's reading rules: lines starting with {@code #} and empty lines are skipped, the others
     * split on whitespace into value, name, R, G, B, A. Colours are clamped to 0..255 and rounded;
     * a quoted name loses its quotes; the name "_" is Slicer's empty name and becomes
     * {@code label_<value>}. Values above 255 (Slicer's own tables go further) cannot occur in a
     * uint8 label map and are left out.
     */
    private static LabelTable readColorTable(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<LabelTable.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] f = line.trim().split("\\s+");
            String where = file + " line " + (i + 1);
            if (f.length != 6) throw new IOException(where + ": expected 'value name R G B A', got '" + line + "'");
            int value;
            try {
                value = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": label value '" + f[0] + "' is not an integer");
            }
            if (value < 0) throw new IOException(where + ": negative label value " + value);
            if (value > 255) continue;
            String name = f[1].replaceAll("^'+|'+$", "");
            if (name.isEmpty() || name.equals("_")) name = "label_" + value;
            int argb = 0;
            for (int c = 0; c < 4; c++) {
                double x;
                try {
                    x = Double.parseDouble(f[2 + c]);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": colour component '" + f[2 + c] + "' is not a number");
                }
                int v = (int) Math.round(Math.max(0, Math.min(255, x)));
                argb |= c == 3 ? v << 24 : v << (16 - 8 * c);
            }
            entries.add(new LabelTable.Entry(value, name, argb));
        }
        if (entries.isEmpty()) throw new IOException(file + ": no label lines ('value name R G B A')");
        return LabelTable.ofEntries(entries);
    }
}

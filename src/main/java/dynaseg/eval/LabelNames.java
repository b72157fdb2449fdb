package dynaseg.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.MsdDataset;
import dynaseg.data.Organ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Organ names for label ids: from the {@code labels} of a dataset.json (MSD form
 * {@code {"1": "spleen"}} or nnU-Net v2 form {@code {"spleen": 1}}) when one is given, else the
 * BTCV organ names ({@link Organ}) for labels 1..13, else {@code label_<k>}.
 */
public final class LabelNames {
    private final Map<Integer, String> names;
    private final Path source;

    private LabelNames(Map<Integer, String> names, Path source) {
        this.names = names;
        this.source = source;
    }

    /** BTCV names for 1..13 and {@code label_<k>} for the rest. */
    public static LabelNames btcv() {
        return new LabelNames(Map.of(), null);
    }

    /**
     * The names of the dataset.json in {@code truthDir} or its parent (MSD's {@code labelsTr/} sits
     * next to it), else {@link #btcv()}.
     */
    public static LabelNames near(Path truthDir) throws IOException {
        Path dir = truthDir.toAbsolutePath().normalize();
        for (Path d : new Path[] {dir, dir.getParent()}) {
            if (d != null && Files.isRegularFile(d.resolve(MsdDataset.FILE_NAME))) return read(d.resolve(MsdDataset.FILE_NAME));
        }
        return btcv();
    }

    /** The {@code labels} of one dataset.json (other keys are not read, listed files need not exist). */
    public static LabelNames read(Path json) throws IOException {
        JsonNode labels;
        try {
            JsonNode doc = new ObjectMapper().readTree(json.toFile());
            labels = doc == null ? null : doc.get("labels");
        } catch (IOException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        if (labels == null || !labels.isObject()) throw new IOException(json + ": no 'labels' object");
        Map<Integer, String> names = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().trim();
            if (key.matches("\\d+") && e.getValue().isTextual()) {
                names.put(Integer.valueOf(key), e.getValue().asText());
            } else if (e.getValue().isInt()) {
                names.put(e.getValue().asInt(), key);
            } else {
                throw new IOException(json + ": cannot read label entry \"" + key + "\": " + e.getValue());
            }
        }
        return new LabelNames(names, json);
    }

    /** The dataset.json the names came from, if any. */
    public Optional<Path> source() { return Optional.ofNullable(source); }

    /** The largest label id the dataset.json names (0 without one). */
    public int maxLabel() {
        return names.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public String name(int label) {
        String n = names.get(label);
        if (n != null) return n;
        if (source == null && label >= 1 && label <= Organ.values().length) return Organ.ofLabel(label).structureName();
        return "label_" + label;
    }
}

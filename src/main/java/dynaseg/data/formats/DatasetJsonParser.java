package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.CaseRef;
import dynaseg.io.LabelTableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the parts of a {@code dataset.json} that MSD and nnU-Net share: the JSON itself, the
 * {@code labels} object, in MSD form ({@code {"0": "background", "1": "spleen"}}) or nnU-Net v2 form
 * ({@code {"background": 0, "spleen": 1}}), and MSD case lists
 * ({@code [{"image": "./imagesTr/a.nii.gz", "label": "./labelsTr/a.nii.gz"}, ...]}). Whether listed
 * files must exist is left to the caller (strict {@link MsdDataset} versus lenient readers).
 */
public final class DatasetJsonParser {
    private DatasetJsonParser() {}

    /** One entry of a case list: its position in the list, case id and resolved, normalized paths. */
    public record ListedCase(int index, String id, Path image, Path label) {
        public CaseRef ref() {
            return new CaseRef(id, image, label);
        }
    }

    /** The JSON object in {@code json}; errors name the file. */
    public static JsonNode read(Path json) throws IOException {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) throw new IOException(json + ": expected a JSON object");
        return doc;
    }

    /** Class names indexed by label id, from the {@code labels} object of {@code doc}. Ids must run 0..C-1 without gaps. */
    public static List<String> classNames(Path json, JsonNode doc) throws IOException {
        JsonNode labels = doc.get("labels");
        if (labels == null || !labels.isObject() || labels.size() == 0) {
            throw new IOException(json + ": missing 'labels' object (e.g. {\"0\": \"background\", \"1\": \"spleen\"})");
        }
        Map<Integer, String> byId = LabelTableFiles.labelsById(json, labels);
        List<String> names = new ArrayList<>();
        for (Map.Entry<Integer, String> e : byId.entrySet()) {
            if (e.getKey() != names.size()) {
                throw new IOException(json + ": label ids must run 0..C-1 without gaps; missing id " + names.size());
            }
            names.add(e.getValue());
        }
        if (names.size() < 2) throw new IOException(json + ": 'labels' needs background and at least one class");
        if (names.size() > 256) throw new IOException(json + ": at most 256 labels are supported, got " + names.size());
        return names;
    }

    /** Receives the entries of a case list one by one; may reject one by throwing. */
    @FunctionalInterface
    public interface ListedCaseVisitor {
        void visit(ListedCase listed) throws IOException;
    }

    /**
     * Passes each entry of the case list {@code doc[key]} (nothing when absent), with paths resolved
     * against {@code root}, to {@code visitor}, in list order. Each entry must be an object with
     * "image" and "label"; files are not checked here.
     */
    public static void forEachListedCase(Path json, Path root, JsonNode doc, String key, ListedCaseVisitor visitor)
            throws IOException {
        JsonNode list = doc.get(key);
        if (list == null) return;
        if (!list.isArray()) throw new IOException(json + ": '" + key + "' must be a list");
        int i = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.hasNonNull("image") || !entry.hasNonNull("label")) {
                throw new IOException(json + ": " + key + "[" + i + "] needs \"image\" and \"label\"");
            }
            Path image = root.resolve(entry.get("image").asText()).normalize();
            Path label = root.resolve(entry.get("label").asText()).normalize();
            visitor.visit(new ListedCase(i, CaseRef.idOf(image), image, label));
            i++;
        }
    }
}

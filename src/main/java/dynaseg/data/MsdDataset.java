package dynaseg.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dataset in the Medical Segmentation Decathlon layout: {@code imagesTr/}, {@code labelsTr/} and a
 * {@code dataset.json} with {@code labels} ({@code {"0": "background", "1": "spleen", ...}}; the
 * nnU-Net v2 form {@code {"background": 0, ...}} is read too), {@code training}
 * ({@code [{"image": "./imagesTr/case_0000.nii.gz", "label": "./labelsTr/case_0000.nii.gz"}, ...]})
 * and, as in MONAI's BTCV {@code dataset_0.json}, an optional {@code validation} list of the same form.
 * Paths are relative to the folder of dataset.json. Every listed file must exist.
 */
public final class MsdDataset implements SegmentationDataset {
    public static final String FILE_NAME = "dataset.json";

    private final Path root;
    private final List<String> classNames;
    private final List<CaseRef> cases;
    private final List<CaseRef> validation;

    private MsdDataset(Path root, List<String> classNames, List<CaseRef> cases, List<CaseRef> validation) {
        this.root = root;
        this.classNames = List.copyOf(classNames);
        this.cases = List.copyOf(cases);
        this.validation = List.copyOf(validation);
    }

    /** Reads {@code dir/dataset.json} (or the given .json file) and checks that every listed file exists. */
    public static MsdDataset open(Path dirOrJson) throws IOException {
        Path json = Files.isDirectory(dirOrJson) ? dirOrJson.resolve(FILE_NAME) : dirOrJson;
        if (!Files.isRegularFile(json)) throw new IOException("no dataset description: " + json + " does not exist");
        Path root = json.toAbsolutePath().getParent();
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) throw new IOException(json + ": expected a JSON object");
        List<String> names = readLabels(json, doc.get("labels"));
        Set<String> ids = new HashSet<>();
        List<CaseRef> training = readCases(json, root, doc.get("training"), "training", ids);
        if (training.isEmpty() && !doc.has("validation")) throw new IOException(json + ": 'training' lists no cases");
        List<CaseRef> validation = doc.has("validation")
                ? readCases(json, root, doc.get("validation"), "validation", ids) : List.of();
        List<CaseRef> all = new ArrayList<>(training);
        all.addAll(validation);
        return new MsdDataset(root, names, all, validation);
    }

    private static List<String> readLabels(Path json, JsonNode labels) throws IOException {
        if (labels == null || !labels.isObject() || labels.size() == 0) {
            throw new IOException(json + ": missing 'labels' object (e.g. {\"0\": \"background\", \"1\": \"spleen\"})");
        }
        Map<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().trim();
            JsonNode value = e.getValue();
            Integer id;
            String name;
            if (key.matches("\\d+") && value.isTextual()) { // MSD: "1": "spleen"
                id = Integer.valueOf(key);
                name = value.asText();
            } else if (value.isInt()) { // nnU-Net v2: "spleen": 1
                id = value.asInt();
                name = key;
            } else {
                throw new IOException(json + ": cannot read label entry \"" + key + "\": " + value);
            }
            if (byId.put(id, name) != null) throw new IOException(json + ": label id " + id + " is given twice");
        }
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

    private static List<CaseRef> readCases(Path json, Path root, JsonNode list, String key, Set<String> ids)
            throws IOException {
        if (list == null) return List.of();
        if (!list.isArray()) throw new IOException(json + ": '" + key + "' must be a list");
        List<CaseRef> cases = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.hasNonNull("image") || !entry.hasNonNull("label")) {
                throw new IOException(json + ": " + key + "[" + i + "] needs \"image\" and \"label\"");
            }
            Path image = resolve(root, entry.get("image").asText());
            Path label = resolve(root, entry.get("label").asText());
            for (Path p : List.of(image, label)) {
                if (!Files.isRegularFile(p)) {
                    throw new IOException("missing file " + p + " (listed in " + json + " " + key + "[" + i + "])");
                }
            }
            String id = CaseRef.idOf(image);
            if (!ids.add(id)) throw new IOException(json + ": case id '" + id + "' appears twice");
            cases.add(new CaseRef(id, image, label));
            i++;
        }
        return cases;
    }

    private static Path resolve(Path root, String relative) {
        return root.resolve(relative).normalize();
    }

    /** The folder that holds dataset.json. */
    public Path root() { return root; }

    @Override public String format() { return "msd"; }
    @Override public List<CaseRef> cases() { return cases; }
    @Override public List<String> classNames() { return classNames; }
    @Override public List<CaseRef> validationCases() { return Collections.unmodifiableList(validation); }
}

package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;

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
        JsonNode doc = DatasetJsonParser.read(json);
        List<String> names = DatasetJsonParser.classNames(json, doc);
        Set<String> ids = new HashSet<>();
        List<CaseRef> training = readCases(json, root, doc, "training", ids);
        if (training.isEmpty() && !doc.has("validation")) throw new IOException(json + ": 'training' lists no cases");
        List<CaseRef> validation = doc.has("validation")
                ? readCases(json, root, doc, "validation", ids) : List.of();
        List<CaseRef> all = new ArrayList<>(training);
        all.addAll(validation);
        return new MsdDataset(root, names, all, validation);
    }

    private static List<CaseRef> readCases(Path json, Path root, JsonNode doc, String key, Set<String> ids)
            throws IOException {
        List<CaseRef> cases = new ArrayList<>();
        DatasetJsonParser.forEachListedCase(json, root, doc, key, listed -> {
            for (Path p : List.of(listed.image(), listed.label())) {
                if (!Files.isRegularFile(p)) {
                    throw new IOException("missing file " + p + " (listed in " + json + " " + key + "[" + listed.index() + "])");
                }
            }
            if (!ids.add(listed.id())) throw new IOException(json + ": case id '" + listed.id() + "' appears twice");
            cases.add(listed.ref());
        });
        return cases;
    }

    /** The folder that holds dataset.json. */
    public Path root() { return root; }

    @Override public String format() { return "msd"; }
    @Override public List<CaseRef> cases() { return cases; }
    @Override public List<String> classNames() { return classNames; }
    @Override public List<CaseRef> validationCases() { return Collections.unmodifiableList(validation); }
}

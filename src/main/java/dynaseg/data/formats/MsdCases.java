package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens an MSD folder leniently: a case whose listed image or label file is missing is reported
 * and left out (MsdDataset itself refuses the whole folder). When every listed file exists the
 * result is the plain {@link MsdDataset}.
 */
final class MsdCases {
    private MsdCases() {}

    static SegmentationDataset open(Path dir, DatasetOptions opts) throws IOException {
        Path json = dir.resolve(MsdDataset.FILE_NAME);
        if (!Files.isRegularFile(json)) throw new IOException("no dataset description: " + json + " does not exist");
        JsonNode doc = DatasetJsonParser.read(json);
        Path root = json.toAbsolutePath().getParent();
        Set<String> ids = new HashSet<>();
        int[] missing = {0};
        List<CaseRef> training = list(json, root, doc, "training", ids, opts, missing);
        List<CaseRef> validation = list(json, root, doc, "validation", ids, opts, missing);
        SegmentationDataset dataset;
        if (missing[0] == 0) {
            dataset = MsdDataset.open(dir);
        } else {
            List<CaseRef> all = new ArrayList<>(training);
            all.addAll(validation);
            if (all.isEmpty()) throw new IOException(json + ": none of the listed cases has its files");
            dataset = new ListedDataset(DatasetFormat.MSD.cliName(), DatasetJsonParser.classNames(json, doc), all, validation, CaseReader.NIFTI);
        }
        return CaseChecks.keepReadablePairs(dataset, opts);
    }

    /** True when the first case of the 'training' list names an image file that exists. */
    static boolean listsExistingImage(Path dir, JsonNode doc) {
        JsonNode training = doc.get("training");
        if (training == null || !training.isArray() || training.size() == 0) return false;
        JsonNode image = training.get(0).get("image");
        return image != null && image.isTextual() && Files.isRegularFile(dir.resolve(image.asText()).normalize());
    }

    private static List<CaseRef> list(Path json, Path root, JsonNode doc, String key, Set<String> ids,
            DatasetOptions opts, int[] missing) throws IOException {
        List<CaseRef> cases = new ArrayList<>();
        DatasetJsonParser.forEachListedCase(json, root, doc, key, listed -> {
            String id = listed.id();
            if (!ids.add(id)) throw new IOException(json + ": case id '" + id + "' appears twice");
            Path absent = !Files.isRegularFile(listed.image()) ? listed.image()
                    : !Files.isRegularFile(listed.label()) ? listed.label() : null;
            if (absent != null) {
                missing[0]++;
                opts.report(new Problem(id, absent, "missing file (listed in " + json.getFileName() + " " + key + "[" + listed.index() + "])"));
            } else {
                cases.add(listed.ref());
            }
        });
        return cases;
    }
}

package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.MsdDataset;
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
        JsonNode doc = DatasetJson.read(json);
        Path root = json.toAbsolutePath().getParent();
        Set<String> ids = new HashSet<>();
        int[] missing = {0};
        List<CaseRef> training = list(json, root, doc.get("training"), "training", ids, opts, missing);
        List<CaseRef> validation = list(json, root, doc.get("validation"), "validation", ids, opts, missing);
        SegmentationDataset dataset;
        if (missing[0] == 0) {
            dataset = MsdDataset.open(dir);
        } else {
            List<CaseRef> all = new ArrayList<>(training);
            all.addAll(validation);
            if (all.isEmpty()) throw new IOException(json + ": none of the listed cases has its files");
            dataset = new ListedDataset(DatasetFormat.MSD.cliName(), DatasetJson.classNames(json, doc), all, validation, CaseReader.NIFTI);
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

    private static List<CaseRef> list(Path json, Path root, JsonNode list, String key, Set<String> ids,
            DatasetOptions opts, int[] missing) throws IOException {
        if (list == null) return List.of();
        if (!list.isArray()) throw new IOException(json + ": '" + key + "' must be a list");
        List<CaseRef> cases = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.hasNonNull("image") || !entry.hasNonNull("label")) {
                throw new IOException(json + ": " + key + "[" + i + "] needs \"image\" and \"label\"");
            }
            Path image = root.resolve(entry.get("image").asText()).normalize();
            Path label = root.resolve(entry.get("label").asText()).normalize();
            String id = CaseRef.idOf(image);
            if (!ids.add(id)) throw new IOException(json + ": case id '" + id + "' appears twice");
            Path absent = !Files.isRegularFile(image) ? image : !Files.isRegularFile(label) ? label : null;
            if (absent != null) {
                missing[0]++;
                opts.report(new Problem(id, absent, "missing file (listed in " + json.getFileName() + " " + key + "[" + i + "])"));
            } else {
                cases.add(new CaseRef(id, image, label));
            }
            i++;
        }
        return cases;
    }
}

package dynaseg.data.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dynaseg.data.CaseRef;
import dynaseg.data.Progress;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a dataset in the MSD layout ({@code imagesTr/<id>.nii.gz}, {@code labelsTr/<id>.nii.gz} as
 * uint8 merged/mapped label maps, {@code dataset.json}), cases in parallel. Every image is read
 * once to check it; a {@code .nii.gz} image is then copied byte for byte, others are re-encoded with
 * their data type. A case that fails to read is reported and left out of dataset.json.
 */
public final class DatasetConverter {
    /** The outcome: cases written, cases skipped, and the dataset.json written. */
    public record Result(int written, int skipped, Path datasetJson) {}

    private DatasetConverter() {}

    /** Converts {@code dataset} into {@code out} (which must not hold a dataset.json yet). */
    public static Result convert(SegmentationDataset dataset, Path out, DatasetOptions opts, Progress progress) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IOException(out + " exists and is not a folder");
        Path json = out.resolve(MsdDataset.FILE_NAME);
        if (Files.exists(json)) throw new IOException(out + " already holds a dataset (" + json.getFileName() + "); choose a new folder");
        Path images = Files.createDirectories(out.resolve("imagesTr"));
        Path labels = Files.createDirectories(out.resolve("labelsTr"));
        Map<CaseRef, String> names = fileNames(dataset.cases());
        List<Boolean> ok = CaseWork.map(dataset.cases(), opts, progress, ref -> {
            Path image = images.resolve(names.get(ref) + ".nii.gz");
            Path label = labels.resolve(names.get(ref) + ".nii.gz");
            try {
                writeCase(dataset, ref, image, label);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(image);
                Files.deleteIfExists(label);
                throw e;
            }
            return Boolean.TRUE;
        });
        Set<CaseRef> validation = new HashSet<>(dataset.validationCases());
        List<String> training = new ArrayList<>(), val = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            if (ok.get(i) == null) continue;
            CaseRef ref = dataset.cases().get(i);
            (validation.contains(ref) ? val : training).add(names.get(ref));
        }
        writeDatasetJson(json, dataset, training, val);
        return new Result(training.size() + val.size(), ok.size() - training.size() - val.size(), json);
    }

    private static void writeCase(SegmentationDataset dataset, CaseRef ref, Path imageOut, Path labelOut) throws IOException {
        LabelMap labels = dataset.readLabels(ref);
        Volume image = dataset.readImage(ref);
        CaseChecks.requireSameGrid(ref.label(), labels.geometry(), ref.image(), image.geometry());
        if (ref.image().getFileName().toString().endsWith(".nii.gz")) {
            Files.copy(ref.image(), imageOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            Nifti.writeVolume(image, imageOut, Nifti.readHeader(ref.image()).datatype().numpyName());
        }
        Nifti.writeLabels(labels, labelOut);
    }

    /** A file stem per case: its id with characters other than letters, digits, '.', '_' and '-' replaced. */
    private static Map<CaseRef, String> fileNames(List<CaseRef> cases) {
        Map<CaseRef, String> names = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (CaseRef ref : cases) {
            String base = ref.id().replaceAll("[^A-Za-z0-9._-]", "_");
            String name = base;
            for (int k = 2; !used.add(name); k++) name = base + "_" + k;
            names.put(ref, name);
        }
        return names;
    }

    private static void writeDatasetJson(Path json, SegmentationDataset dataset, List<String> training, List<String> validation)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "dynaseg-converted");
        doc.put("description", "converted from " + dataset.format() + " by dynaseg dataset convert");
        doc.put("tensorImageSize", "3D");
        doc.put("modality", Map.of("0", "CT"));
        Map<String, String> labels = new LinkedHashMap<>();
        for (int c = 0; c < dataset.classCount(); c++) labels.put(Integer.toString(c), dataset.classNames().get(c));
        doc.put("labels", labels);
        doc.put("numTraining", training.size() + validation.size());
        doc.put("numTest", 0);
        doc.put("training", pairs(training));
        if (!validation.isEmpty()) doc.put("validation", pairs(validation));
        doc.put("test", List.of());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }

    private static List<Map<String, String>> pairs(List<String> names) {
        List<Map<String, String>> list = new ArrayList<>();
        for (String n : names) {
            Map<String, String> pair = new LinkedHashMap<>();
            pair.put("image", "./imagesTr/" + n + ".nii.gz");
            pair.put("label", "./labelsTr/" + n + ".nii.gz");
            list.add(pair);
        }
        return list;
    }
}

package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An nnU-Net raw dataset ({@code nnUNet_raw/DatasetXXX_Name}): {@code imagesTr/<case>_0000<ending>},
 * {@code labelsTr/<case><ending>} and a {@code dataset.json} with {@code labels} (v2 form
 * {@code {"background": 0, ...}} or v1/MSD form) and {@code file_ending} (default {@code .nii.gz}).
 * Only channel 0000 is read (CT); a case without its label file is reported and skipped.
 */
public final class NnUnetRawDataset extends ListedDataset {
    public static final String CHANNEL_ZERO = dynaseg.data.NnUnetNaming.CHANNEL_ZERO;

    private NnUnetRawDataset(List<String> classNames, List<CaseRef> cases) {
        super(DatasetFormat.NNUNET_RAW.cliName(), classNames, cases, List.of(), CaseReader.NIFTI);
    }

    /** Opens {@code dir}; cases with a missing or unreadable file, or labels on another grid, are reported and left out. */
    public static SegmentationDataset open(Path dir, DatasetOptions opts) throws IOException {
        Path json = dir.resolve("dataset.json");
        if (!Files.isRegularFile(json)) throw new IOException("not an nnU-Net raw dataset: " + json + " does not exist");
        JsonNode doc = DatasetJsonParser.read(json);
        List<String> names = DatasetJsonParser.classNames(json, doc);
        String ending = doc.hasNonNull("file_ending") ? doc.get("file_ending").asText() : ".nii.gz";
        if (!ending.equals(".nii.gz") && !ending.equals(".nii")) {
            throw new IOException(json + ": file_ending '" + ending + "' is not supported; dynaseg reads NIfTI (.nii.gz or .nii)");
        }
        Path images = dir.resolve("imagesTr");
        Path labels = dir.resolve("labelsTr");
        if (!Files.isDirectory(images)) throw new IOException("not an nnU-Net raw dataset: missing folder " + images);
        List<CaseRef> cases = new ArrayList<>();
        String suffix = CHANNEL_ZERO + ending;
        for (Path image : sorted(images, suffix)) {
            String name = image.getFileName().toString();
            String id = name.substring(0, name.length() - suffix.length());
            Path label = labels.resolve(id + ending);
            if (!Files.isRegularFile(label)) {
                opts.report(new Problem(id, label, "missing label file for " + image.getFileName()));
                continue;
            }
            cases.add(new CaseRef(id, image, label));
        }
        if (cases.isEmpty()) throw new IOException(images + ": no labelled case (" + "<case>" + suffix + " with labelsTr/<case>" + ending + ")");
        return CaseChecks.keepReadablePairs(new NnUnetRawDataset(names, cases), opts);
    }

    /** True when {@code dir/imagesTr} holds a {@code *_0000.nii(.gz)} file. */
    static boolean hasChannelZeroImages(Path dir) throws IOException {
        Path images = dir.resolve("imagesTr");
        if (!Files.isDirectory(images)) return false;
        return !sorted(images, CHANNEL_ZERO + ".nii.gz").isEmpty() || !sorted(images, CHANNEL_ZERO + ".nii").isEmpty();
    }

    private static List<Path> sorted(Path folder, String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, p -> p.getFileName().toString().endsWith(suffix)
                && !p.getFileName().toString().startsWith("."))) {
            for (Path p : s) files.add(p);
        }
        files.sort(null);
        return files;
    }
}

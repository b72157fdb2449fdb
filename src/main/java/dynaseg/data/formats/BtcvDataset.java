package dynaseg.data.formats;

import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.Organ;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BTCV (MICCAI 2015 "Multi-Atlas Labeling Beyond the Cranial Vault", Abdomen):
 * {@code RawData/Training/img/imgXXXX.nii.gz} with {@code RawData/Training/label/labelXXXX.nii.gz},
 * labels 1..13 in BTCV order ({@link Organ}). The folder given may be the dataset root, its
 * {@code RawData}, or the {@code Training} folder itself. The unlabelled {@code Testing} scans are not read.
 */
public final class BtcvDataset extends ListedDataset {
    private static final Pattern IMAGE = Pattern.compile("img(\\d+)\\.nii(\\.gz)?");

    private BtcvDataset(List<CaseRef> cases) {
        super(DatasetFormat.BTCV.cliName(), organClassNames(), cases, List.of(), CaseReader.NIFTI);
    }

    /** background followed by the 13 organ structure names in BTCV label order. */
    public static List<String> organClassNames() {
        List<String> names = new ArrayList<>();
        names.add("background");
        for (Organ o : Organ.values()) names.add(o.structureName());
        return List.copyOf(names);
    }

    /** Opens {@code dir}; scans without a label file, unreadable ones and labels on another grid are reported and left out. */
    public static SegmentationDataset open(Path dir, DatasetOptions opts) throws IOException {
        Path training = trainingFolder(dir);
        if (training == null) throw new IOException("not a BTCV folder: " + dir + " holds no RawData/Training/img/");
        Path labels = training.resolve("label");
        List<Path> images = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(training.resolve("img"))) {
            for (Path p : s) if (IMAGE.matcher(p.getFileName().toString()).matches()) images.add(p);
        }
        images.sort(null);
        List<CaseRef> cases = new ArrayList<>();
        for (Path image : images) {
            Matcher m = IMAGE.matcher(image.getFileName().toString());
            m.matches();
            String ending = m.group(2) != null ? ".nii.gz" : ".nii";
            Path label = labels.resolve("label" + m.group(1) + ending);
            String id = CaseRef.idOf(image);
            if (!Files.isRegularFile(label)) {
                opts.report(new Problem(id, label, "missing label file for " + image.getFileName()));
                continue;
            }
            cases.add(new CaseRef(id, image, label));
        }
        if (cases.isEmpty()) throw new IOException(training + ": no imgXXXX.nii.gz with a label/labelXXXX.nii.gz");
        return CaseChecks.keepReadablePairs(new BtcvDataset(cases), opts);
    }

    /** The folder holding img/ and label/ (dir/RawData/Training, dir/Training or dir), or null. */
    static Path trainingFolder(Path dir) {
        for (Path candidate : List.of(dir.resolve("RawData").resolve("Training"), dir.resolve("Training"), dir)) {
            if (Files.isDirectory(candidate.resolve("img")) && Files.isDirectory(candidate.resolve("label"))) return candidate;
        }
        return null;
    }
}

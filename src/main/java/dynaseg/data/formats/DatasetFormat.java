package dynaseg.data.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The dataset layouts dynaseg reads, and how a folder's layout is recognised (see docs/DATASETS.md).
 * Detection looks, in order, for a {@code dataset.json} (nnU-Net raw when it has
 * {@code file_ending} or its images are {@code *_0000.nii.gz}, MSD otherwise), BTCV's
 * {@code RawData/Training/img}, and TotalSegmentator's {@code <id>/ct.nii.gz} or {@code meta.csv}.
 */
public enum DatasetFormat {
    MSD("msd", "Medical Segmentation Decathlon (dataset.json with a 'training' list)"),
    NNUNET_RAW("nnunet", "nnU-Net raw (imagesTr/*_0000.nii.gz, labelsTr/, dataset.json with 'file_ending')"),
    BTCV("btcv", "BTCV (RawData/Training/img/imgXXXX.nii.gz, RawData/Training/label/labelXXXX.nii.gz)"),
    TOTALSEGMENTATOR("totalseg", "TotalSegmentator (<id>/ct.nii.gz, <id>/segmentations/<structure>.nii.gz, meta.csv)");

    private final String cliName;
    private final String description;

    DatasetFormat(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name used by {@code --format} and returned by {@code SegmentationDataset.format()}. */
    public String cliName() { return cliName; }

    public String description() { return description; }

    /** A format by its {@code --format} name (also {@code nnunet-raw}, {@code totalsegmentator}), case-insensitive. */
    public static DatasetFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DatasetFormat f : values()) if (f.cliName.equals(n)) return f;
        if (n.equals("nnunet-raw") || n.equals("nnunetv2")) return NNUNET_RAW;
        if (n.equals("totalsegmentator")) return TOTALSEGMENTATOR;
        throw new IllegalArgumentException("unknown dataset format '" + name + "'; use one of msd, nnunet, btcv, totalseg");
    }

    /** The layout of {@code dir}; the error lists what was looked for. */
    public static DatasetFormat detect(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a folder");
        Path json = dir.resolve("dataset.json");
        if (Files.isRegularFile(json)) {
            JsonNode doc = DatasetJsonParser.read(json);
            if (doc.has("file_ending") || (NnUnetRawDataset.hasChannelZeroImages(dir) && !MsdCases.listsExistingImage(dir, doc))) {
                return NNUNET_RAW;
            }
            if (doc.has("training") || doc.has("validation")) return MSD;
            throw new IOException(json + ": neither an MSD description (no 'training' list) nor an nnU-Net one "
                    + "(no 'file_ending', no imagesTr/*_0000.nii.gz)");
        }
        if (BtcvDataset.trainingFolder(dir) != null) return BTCV;
        if (Files.isRegularFile(dir.resolve(TotalSegmentatorDataset.META_FILE)) || holdsTotalSegCase(dir)) return TOTALSEGMENTATOR;
        throw new IOException("cannot tell the dataset layout of " + dir + "; looked for: dataset.json (MSD or nnU-Net raw), "
                + "RawData/Training/img/ with RawData/Training/label/ (BTCV), "
                + "<id>/ct.nii.gz with <id>/segmentations/ or meta.csv (TotalSegmentator). "
                + "Name the layout with --format msd|nnunet|btcv|totalseg if it is one of these.");
    }

    private static boolean holdsTotalSegCase(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path sub : s) {
                if (Files.isRegularFile(sub.resolve(TotalSegmentatorDataset.IMAGE_FILE))) return true;
            }
        }
        return false;
    }
}

package dynaseg.data.formats;

import dynaseg.data.Progress;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens dataset folders in any layout dynaseg reads (see {@link DatasetFormat} and docs/DATASETS.md):
 * the layout is detected unless named, bad cases are reported and skipped (or fail, when strict),
 * TotalSegmentator multi-label files are mapped when asked, and the organ filter keeps the cases with
 * enough organs. Several folders become one {@link CombinedDataset}.
 */
public final class Datasets {
    private Datasets() {}

    /** Detects the layout of {@code dir} and opens it with {@link DatasetOptions#defaults()}. */
    public static SegmentationDataset open(Path dir) throws IOException {
        return open(dir, null, DatasetOptions.defaults());
    }

    /**
     * Opens one folder.
     *
     * @param format a {@code --format} name, or null to detect the layout
     */
    public static SegmentationDataset open(Path dir, String format, DatasetOptions opts) throws IOException {
        DatasetFormat f = format != null ? DatasetFormat.parse(format) : DatasetFormat.detect(dir);
        SegmentationDataset dataset = openUnfiltered(dir, f, opts);
        int min = opts.minOrgansFor(f);
        return min > 0 ? new OrganFilter(min).apply(dataset, opts, Progress.NONE) : dataset;
    }

    /** Opens several folders as one dataset (a single folder is opened as itself). */
    public static SegmentationDataset open(List<Path> dirs, String format, DatasetOptions opts) throws IOException {
        if (dirs.isEmpty()) throw new IllegalArgumentException("no dataset folder given");
        if (dirs.size() == 1) return open(dirs.get(0), format, opts);
        List<SegmentationDataset> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            sources.add(open(dir, format, opts));
            Path name = dir.toAbsolutePath().normalize().getFileName();
            names.add(name != null ? name.toString() : "data");
        }
        return CombinedDataset.of(names, sources);
    }

    /** Opens one folder in the given layout without the organ filter (label mapping and file checks apply). */
    public static SegmentationDataset openUnfiltered(Path dir, DatasetFormat format, DatasetOptions opts) throws IOException {
        SegmentationDataset dataset = switch (format) {
            case MSD -> MsdCases.open(dir, opts);
            case NNUNET_RAW -> NnUnetRawDataset.open(dir, opts);
            case BTCV -> BtcvDataset.open(dir, opts);
            case TOTALSEGMENTATOR -> TotalSegmentatorDataset.open(dir, opts);
        };
        if (opts.labelMapping() != null) {
            if (format == DatasetFormat.BTCV || format == DatasetFormat.TOTALSEGMENTATOR) {
                throw new IllegalArgumentException("--label-map applies to MSD and nnU-Net folders whose label files are "
                        + "TotalSegmentator multi-label outputs, not to " + format.cliName() + " (" + dir + ")");
            }
            dataset = new MappedLabelsDataset(dataset, opts.labelMapping());
        }
        return dataset;
    }
}

package dynaseg.eval;

import dynaseg.data.VoxelShare;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each organ's share (%) of the labelled (foreground) voxels of a training set: the "Voxels %"
 * column of the paper's Table 1. Counts every label map of each data folder, opened in whatever
 * layout it has ({@link Datasets#open(Path)}: MSD, nnU-Net raw, BTCV, TotalSegmentator) and read
 * through the dataset ({@link SegmentationDataset#readLabels}, so label mappings apply), over
 * all its cases (training and listed validation cases), summing per label name; nothing is cached.
 */
public final class VoxelShares {
    private VoxelShares() {}

    /**
     * Percent per organ name (dataset label names, background excluded), in label order; the
     * values sum to 100. Relative folders resolve against {@code base} when they don't exist as
     * given (relative to the working directory). Cases the dataset reader skips (bad or missing
     * files) are left out and reported to {@code warnings}.
     *
     * @throws IOException when a folder, its dataset.json or a label file is missing or bad
     */
    public static Map<String, Double> of(List<String> dataDirs, Path base, Consumer<String> warnings) throws IOException {
        if (dataDirs.isEmpty()) throw new IOException("the run's config lists no data-dirs");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String d : dataDirs) {
            Path dir = Path.of(d);
            if (!dir.isAbsolute() && !Files.exists(dir) && base != null) dir = base.resolve(d);
            SegmentationDataset dataset = Datasets.open(dir, null,
                    DatasetOptions.defaults().withProblems(p -> warnings.accept("Voxels % skips " + p)));
            List<String> names = dataset.classNames();
            long[] total;
            try {
                total = dataset.cases().parallelStream().map(c -> countLabels(dataset, c))
                        .collect(() -> new long[256], VoxelShares::add, VoxelShares::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (int k = 1; k < 256; k++) {
                if (total[k] == 0 && k >= names.size()) continue;
                String name = k < names.size() ? names.get(k) : "label_" + k;
                counts.merge(name, total[k], Long::sum);
            }
        }
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        if (all == 0) throw new IOException("no labelled voxels in " + String.join(", ", dataDirs));
        double[] share = VoxelShare.of(counts.values().stream().mapToLong(Long::longValue).toArray(), 100.0);
        Map<String, Double> percent = new LinkedHashMap<>();
        int k = 0;
        for (String name : counts.keySet()) percent.put(name, share[k++]);
        return percent;
    }

    private static void add(long[] sum, long[] more) {
        for (int k = 0; k < sum.length; k++) sum[k] += more[k];
    }

    private static long[] countLabels(SegmentationDataset dataset, CaseRef c) {
        try {
            return dataset.readLabels(c).counts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

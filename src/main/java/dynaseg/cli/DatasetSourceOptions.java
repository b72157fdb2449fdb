package dynaseg.cli;

import dynaseg.data.formats.DatasetFormat;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.Problem;
import dynaseg.data.formats.TotalSegLabelMapping;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options that say how dataset folders are read ({@code --format}, {@code --min-organs},
 * {@code --label-map}, {@code --strict}); a picocli mixin shared by {@code dataset} and {@code train}.
 */
public final class DatasetSourceOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            completionCandidates = Choices.Formats.class,
            description = "Dataset layout: ${COMPLETION-CANDIDATES} (default: detected from the folder).")
    String format;

    @Option(names = "--min-organs", paramLabel = "N",
            description = "Keep only cases holding at least N organs (default: 6 for TotalSegmentator, as in the paper; no filter otherwise).")
    Integer minOrgans;

    @Option(names = "--label-map", paramLabel = "MAPPING",
            completionCandidates = Choices.LabelMaps.class,
            description = "Read the label files of an MSD/nnU-Net folder as TotalSegmentator multi-label outputs: ${COMPLETION-CANDIDATES}.")
    String labelMap;

    @Option(names = "--strict", description = "Fail on the first bad case instead of skipping it with a warning.")
    boolean strict;

    /** The named format, or null to detect it. */
    public String format() { return format; }

    /**
     * Library options with these settings: each skipped case is printed on {@code err} as
     * {@code warning: skipped case ...} and counted in {@code skipped}.
     */
    public DatasetOptions toOptions(int threads, PrintWriter err, AtomicInteger skipped) {
        return new DatasetOptions(minOrgans, labelMap != null ? TotalSegLabelMapping.parse(labelMap) : null, strict,
                Math.max(1, threads), warningPrinter(err, skipped), null);
    }

    /** The layout of {@code dir}: the named one, else detected. */
    public DatasetFormat formatOf(Path dir) throws IOException {
        return format != null ? DatasetFormat.parse(format) : DatasetFormat.detect(dir);
    }

    private static Consumer<Problem> warningPrinter(PrintWriter err, AtomicInteger count) {
        return p -> {
            count.incrementAndGet();
            synchronized (err) {
                err.println("warning: skipped " + p);
                err.flush();
            }
        };
    }
}

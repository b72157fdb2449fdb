package dynaseg.data.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link Datasets#open} reads a dataset folder.
 *
 * @param minOrgans    keep only cases holding at least this many foreground classes; null means the
 *                     format's default (6 for TotalSegmentator, as in the paper; 0 = no filter otherwise)
 * @param labelMapping read label files as TotalSegmentator multi-label outputs and map them to BTCV
 *                     ids (MSD and nnU-Net folders only); null to read label ids as they are
 * @param strict       fail on the first bad case instead of skipping it
 * @param threads      worker threads for the checks and reads that go over every case
 * @param problems     receives every skipped case (from worker threads: must be thread-safe)
 * @param cacheDir     where what is learnt of the data (which TotalSegmentator masks hold an organ) is
 *                     kept; null for the default place ({@code $DYNASEG_CACHE}, else beside the data)
 */
public record DatasetOptions(Integer minOrgans, TotalSegLabelMapping labelMapping, boolean strict, int threads,
        Consumer<Problem> problems, Path cacheDir) {
    /** Skipped cases are printed to stderr by {@link #defaults()}. */
    public static final Consumer<Problem> PRINT_TO_STDERR = p -> System.err.println("warning: skipped " + p);

    public DatasetOptions {
        if (minOrgans != null && minOrgans < 0) throw new IllegalArgumentException("--min-organs must be 0 or more, got " + minOrgans);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        Objects.requireNonNull(problems, "problems");
    }

    /** Format defaults, no mapping, lenient, one thread per core, problems printed to stderr. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(null, null, false, Runtime.getRuntime().availableProcessors(), PRINT_TO_STDERR, null);
    }

    public DatasetOptions withMinOrgans(Integer n) { return new DatasetOptions(n, labelMapping, strict, threads, problems, cacheDir); }
    public DatasetOptions withLabelMapping(TotalSegLabelMapping m) { return new DatasetOptions(minOrgans, m, strict, threads, problems, cacheDir); }
    public DatasetOptions withStrict(boolean s) { return new DatasetOptions(minOrgans, labelMapping, s, threads, problems, cacheDir); }
    public DatasetOptions withThreads(int n) { return new DatasetOptions(minOrgans, labelMapping, strict, n, problems, cacheDir); }
    public DatasetOptions withProblems(Consumer<Problem> sink) { return new DatasetOptions(minOrgans, labelMapping, strict, threads, sink, cacheDir); }
    public DatasetOptions withCacheDir(Path dir) { return new DatasetOptions(minOrgans, labelMapping, strict, threads, problems, dir); }

    /** The organ threshold used for {@code format}: the explicit one, else the format's default. */
    public int minOrgansFor(DatasetFormat format) {
        if (minOrgans != null) return minOrgans;
        return format == DatasetFormat.TOTALSEGMENTATOR ? OrganFilter.PAPER_MIN_ORGANS : 0;
    }

    /** Records a skipped case, or, when strict, fails with it. */
    public void report(Problem problem) throws IOException {
        if (strict) throw new IOException(problem + " (--strict: stopping at the first bad case)");
        problems.accept(problem);
    }
}

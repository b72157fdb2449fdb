package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.FutureResults;
import dynaseg.data.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per case on a few worker threads. A case whose task fails (unreadable or missing
 * file, wrong grid, ...) is reported as a {@link Problem} and gets a null result; the others go on.
 * With {@code --strict} the first failure stops the work and is thrown.
 */
final class CaseWork {
    /** The work done for one case. */
    interface Task<T> {
        T run(CaseRef ref) throws IOException;
    }

    private CaseWork() {}

    /** The results in the order of {@code refs}; null where the case failed. */
    static <T> List<T> map(List<CaseRef> refs, DatasetOptions opts, Progress progress, Task<T> task) throws IOException {
        int threads = Math.min(opts.threads(), Math.max(1, refs.size()));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dynaseg-cases");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (CaseRef ref : refs) {
                futures.add(pool.submit(() -> {
                    T result;
                    try {
                        result = task.run(ref);
                    } catch (IOException | RuntimeException e) {
                        report(opts, ref, e);
                        result = null;
                    }
                    progress.update(done.incrementAndGet(), refs.size(), ref.id());
                    return result;
                }));
            }
            List<T> out = new ArrayList<>(refs.size());
            for (Future<T> f : futures) out.add(FutureResults.await(f, "interrupted"));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void report(DatasetOptions opts, CaseRef ref, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        if (e instanceof java.nio.file.NoSuchFileException nsf) message = "missing file " + nsf.getFile();
        try {
            opts.report(new Problem(ref.id(), null, message));
        } catch (IOException strict) {
            strict.addSuppressed(e);
            throw new UncheckedIOException(strict);
        }
    }
}

package dynaseg.io;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that convert and compress voxel chunks while the calling thread does the
 * file I/O (inflating or writing), one per core.
 */
final class IoThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "dynaseg-io-" + COUNT.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private IoThreads() {}

    static ExecutorService pool() { return POOL; }

    static int parallelism() { return Math.max(1, Runtime.getRuntime().availableProcessors()); }

    /** Waits for a task and rethrows its IOException or RuntimeException as such. */
    static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading or writing voxels");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }
}

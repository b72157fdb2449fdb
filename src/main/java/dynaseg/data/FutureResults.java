package dynaseg.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waits for a worker task of the data pipeline (tasks wrap their IOExceptions in
 * UncheckedIOException to pass them through lambdas) and rethrows its failure unwrapped, so callers
 * see the same exception as in a sequential loop.
 */
public final class FutureResults {
    private FutureResults() {}

    /** The task's result; its UncheckedIOException, RuntimeException or Error rethrown as such. */
    public static <T> T await(Future<T> f, String interruptedMessage) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(interruptedMessage, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) throw u.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }
}

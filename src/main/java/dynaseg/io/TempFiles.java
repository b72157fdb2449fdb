package dynaseg.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Temporary files that are renamed over their target once complete (so a reader never sees a
 * half-written file), created with the permissions of any ordinary new file.
 *
 * <p>{@link Files#createTempFile} makes its files owner-only (0600) on POSIX systems; renamed into
 * place they would leave configs, metrics, checkpoints and cached cases unreadable to the group
 * and others. The files made here are opened with {@code CREATE_NEW} and no explicit mode, so the
 * system gives them 0666 masked by the process's umask: exactly what {@code Files.write} or
 * {@code cp} would give (rw-r--r-- under the usual umask 022).
 */
public final class TempFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes into an output stream (a temporary file) and may throw. */
    @FunctionalInterface
    public interface StreamWriter extends AtomicFiles.StreamWriter {}

    private TempFiles() {}

    /**
     * A new empty file {@code <prefix><random><suffix>} in {@code dir} (created if missing), with
     * the umask's default permissions.
     */
    public static Path create(Path dir, String prefix, String suffix) throws IOException {
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong()) + suffix);
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    /** A temporary sibling of {@code target} (same folder, so that a rename stays on one file system). */
    public static Path siblingOf(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        return create(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
    }

    /** Renames {@code tmp} over {@code target}: atomically where the file system can, else a plain replace. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, through a temporary sibling that is
     * renamed into place; on failure the target is untouched and the temporary file removed
     * ({@link AtomicFiles}, without forcing the data to disk).
     */
    public static void replace(Path target, StreamWriter writer) throws IOException {
        AtomicFiles.replace(target, writer, false);
    }
}

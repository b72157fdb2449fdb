package dynaseg.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Writes files and directories so that a process killed at any moment (kill -9) leaves either
 * the previous complete version or the new complete version, never a half-written one.
 *
 * <p><b>Files</b>: the content goes to a temporary file in the same directory, is flushed to
 * disk, then renamed over the target with {@code ATOMIC_MOVE} (rename(2) on POSIX). The file gets
 * the permissions of any new file (umask), not the owner-only mode of {@code Files.createTempFile}.
 *
 * <p><b>Directories</b> (checkpoints: {@code checkpoints/last/}, each holding several files
 * written by others) can't be replaced by one rename, since rename(2) refuses a non-empty
 * target directory. The scheme, for a target {@code T}:
 * <ol>
 *   <li>the writer fills {@code T.tmp/} (removed first if a crash left one);</li>
 *   <li>{@code T} is renamed to {@code T.old} (atomic);</li>
 *   <li>{@code T.tmp} is renamed to {@code T} (atomic);</li>
 *   <li>{@code T.old} is deleted.</li>
 * </ol>
 * A crash before step 2 leaves {@code T} (old) complete; between steps 2 and 3 leaves no
 * {@code T} but a complete {@code T.old} (and a complete {@code T.tmp}); after step 3 leaves
 * {@code T} (new) complete. {@link #recoverDirectory} repairs the second case by renaming
 * {@code T.old} back to {@code T} (the old version: we prefer the one that was published) and
 * deletes the leftovers. Call it for each checkpoint directory before reading it.
 */
public final class AtomicFiles {
    /** Suffix of the directory being written. */
    public static final String TMP_SUFFIX = ".tmp";
    /** Suffix of the previous directory during the swap. */
    public static final String OLD_SUFFIX = ".old";

    /** Writes into an output stream (a temporary file) and may throw. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Fills a fresh, empty directory and may throw. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path directory) throws IOException;
    }

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with {@code text} (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code target} with what {@code writer} writes, atomically; on failure the target is untouched. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        replace(target, writer, true);
    }

    /**
     * The one way files are replaced in dynaseg: {@code writer} fills a temporary sibling of
     * {@code target} ({@link TempFiles#siblingOf}: same directory, so a rename never crosses file
     * systems, and umask permissions rather than the owner-only ones of Files.createTempFile),
     * which is then renamed over the target; on failure the target is untouched and the temporary
     * file removed. {@code durable} (run folders) also flushes the file and the directory to disk
     * and refuses a file system that cannot rename atomically; otherwise (outputs, caches) a
     * system without atomic renames gets a plain replace.
     */
    static void replace(Path target, StreamWriter writer, boolean durable) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = TempFiles.siblingOf(abs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
                if (durable) ch.force(true);
            }
            if (durable) {
                moveAtomically(tmp, abs);
                syncDirectory(dir);
            } else {
                TempFiles.moveIntoPlace(tmp, abs);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces directory {@code target} with the one {@code writer} fills, with the crash
     * guarantees of the class comment. The writer gets an empty directory; if it throws, the
     * target is untouched and the partial directory is removed.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = sibling(abs, TMP_SUFFIX);
        Path old = sibling(abs, OLD_SUFFIX);
        recoverDirectory(abs);
        deleteTree(tmp);
        Files.createDirectory(tmp);
        try {
            writer.write(tmp);
            syncTree(tmp);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        boolean hadOld = Files.exists(abs);
        if (hadOld) moveAtomically(abs, old);
        moveAtomically(tmp, abs);
        syncDirectory(abs.getParent());
        if (hadOld) deleteTree(old);
    }

    /** Replaces directory {@code target} with a copy of {@code source} (e.g. best := last), atomically. */
    public static void copyDirectory(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) throw new IOException("cannot copy " + source + ": not a directory");
        writeDirectory(target, dir -> Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(dir.resolve(source.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, dir.resolve(source.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        }));
    }

    /**
     * Brings a directory written by {@link #writeDirectory} back to a complete state after a
     * crash, and returns it, or empty when no complete version exists (never written).
     */
    public static Optional<Path> recoverDirectory(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = sibling(abs, TMP_SUFFIX);
        Path old = sibling(abs, OLD_SUFFIX);
        if (!Files.exists(abs) && Files.isDirectory(old)) {
            // Killed between the two renames: the old version was the last one published.
            moveAtomically(old, abs);
        }
        deleteTree(old);
        deleteTree(tmp);
        return Files.isDirectory(abs) ? Optional.of(abs) : Optional.empty();
    }

    /**
     * Deletes the temporary files that {@link #write} leaves in {@code dir} when killed mid-write
     * (hidden names ending in {@value #TMP_SUFFIX}); returns how many.
     */
    public static int deleteLeftoverTempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*" + TMP_SUFFIX)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    n++;
                }
            }
        }
        return n;
    }

    /** Deletes a file or a directory tree; no error when it doesn't exist. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) throw exc;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path sibling(Path abs, String suffix) {
        return abs.resolveSibling(abs.getFileName() + suffix);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent()
                    + " cannot rename atomically; put the run directory on a local disk", e);
        }
    }

    /** Flushes every regular file under {@code dir} (kill -9 keeps the page cache; this also covers power loss). */
    private static void syncTree(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p)) {
                    syncTree(p);
                } else if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
        syncDirectory(dir);
    }

    /** Makes a rename durable on Linux; other systems can't open a directory, and that is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort only
        }
    }
}

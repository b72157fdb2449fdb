package dynaseg.data.cache;

import dynaseg.io.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.CaseRef;
import dynaseg.data.Progress;

/**
 * Preprocessed cases kept on disk so that the second run starts at once (nnU-Net's
 * "preprocess once" stage). A case lives at {@code <cacheDir>/<settingsKey>/<id>-<sourceKey>.bin}:
 * {@code settingsKey} hashes the preprocessing settings, class count, label mapping (if any) and
 * format version (the folder also holds a {@code settings.txt} saying what they were);
 * {@code sourceKey} hashes the image and label paths, sizes and modification times (for a label
 * folder, those of the files in it), so an edited source file is preprocessed again.
 * Files are written atomically; a file that cannot be read is recomputed.
 */
public final class PreprocessedCache {
    /** Bump when preprocessing changes its output for the same settings. */
    static final int PREPROCESSING_VERSION = 1;

    private final Path directory;
    private final Preprocessor preprocessor;
    private final String labelSource;

    private PreprocessedCache(Path directory, Preprocessor preprocessor, String labelSource) {
        this.directory = directory;
        this.preprocessor = preprocessor;
        this.labelSource = labelSource;
    }

    /** A cache under {@code cacheDir} (created on first write) for label files read as they are. */
    public static PreprocessedCache at(Path cacheDir, Preprocessor preprocessor) {
        return at(cacheDir, preprocessor, null);
    }

    /**
     * A cache under {@code cacheDir} (created on first write).
     *
     * @param labelSource how label ids are translated on reading (e.g. {@code totalseg-v1} for
     *                    {@code --label-map totalseg-v1}), part of the settings key so that mapped and
     *                    unmapped reads of the same files never share a cached case; null = as stored
     */
    public static PreprocessedCache at(Path cacheDir, Preprocessor preprocessor, String labelSource) {
        String key = preprocessor.settings().key() + ";classes=" + preprocessor.classCount()
                + (labelSource != null ? ";labels=" + labelSource : "") + ";version=" + PREPROCESSING_VERSION;
        return new PreprocessedCache(cacheDir.resolve(DiskCaches.hash(key, 12)), preprocessor, labelSource);
    }

    /** No disk cache: every load preprocesses. */
    public static PreprocessedCache none(Preprocessor preprocessor) { return new PreprocessedCache(null, preprocessor, null); }

    /** The folder of this settings key, or null without a disk cache. */
    public Path directory() { return directory; }

    public Preprocessor preprocessor() { return preprocessor; }

    /** Where {@code ref}'s preprocessed case is (or would be) stored; null without a disk cache. */
    public Path fileFor(CaseRef ref) throws IOException {
        if (directory == null) return null;
        StringBuilder src = new StringBuilder();
        for (Path p : List.of(ref.image(), ref.label())) appendSourceKey(src, p.toAbsolutePath().normalize());
        String safeId = ref.id().replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(safeId + "-" + DiskCaches.hash(src.toString(), 10) + ".bin");
    }

    /** True when a cached file for the case's current sources exists. */
    public boolean isCached(CaseRef ref) throws IOException {
        Path f = fileFor(ref);
        return f != null && Files.isRegularFile(f);
    }

    /** The cached case if present and readable, else preprocesses it and stores the result. */
    public PreprocessedCase load(CaseRef ref) throws IOException {
        Path f = fileFor(ref);
        if (f != null && Files.isRegularFile(f)) {
            try {
                PreprocessedCase c = PreprocessedCaseFile.read(f);
                if (c.id().equals(ref.id())) return c;
            } catch (IOException e) {
                // a damaged or foreign file: recompute below and overwrite it
            }
        }
        PreprocessedCase c = preprocessor.process(ref);
        if (f != null) {
            writeSettingsNote();
            PreprocessedCaseFile.write(c, f);
        }
        return c;
    }

    /**
     * Loads every case with {@code threads} parallel workers (resampling inside each case uses the
     * same workers), in the order of {@code refs}; {@code progress} hears of each finished case.
     * The first failure is rethrown with its message (which names the file).
     */
    public List<PreprocessedCase> loadAll(List<CaseRef> refs, int threads, Progress progress) throws IOException {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<PreprocessedCase>> futures = new ArrayList<>();
            for (CaseRef ref : refs) {
                futures.add(pool.submit(() -> {
                    try {
                        PreprocessedCase c = load(ref);
                        progress.update(done.incrementAndGet(), refs.size(), ref.id());
                        return c;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            List<PreprocessedCase> out = new ArrayList<>();
            for (Future<PreprocessedCase> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException u) throw u.getCause();
                    if (cause instanceof RuntimeException r) throw r;
                    throw new IOException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while preprocessing", e);
                }
            }
            return out;
        } finally {
            // After a failure the other cases may still be writing cache files: wait for them, so
            // that nothing touches the cache (or a caller's temporary folder) once this returns.
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Path, size and modification time of a source file. A folder (a TotalSegmentator case's masks)
     * keeps its own time when a file in it is edited in place, so it counts as the names, sizes and
     * times of the files in it: one directory listing, no file is opened.
     */
    private static void appendSourceKey(StringBuilder key, Path abs) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
        key.append(abs).append('|');
        if (!attrs.isDirectory()) {
            key.append(attrs.size()).append('|').append(attrs.lastModifiedTime().toMillis()).append(';');
            return;
        }
        TreeMap<String, String> entries = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(abs)) {
            for (Path p : dir) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) entries.put(p.getFileName().toString(), a.size() + "|" + a.lastModifiedTime().toMillis());
            }
        }
        key.append("dir{");
        entries.forEach((name, stat) -> key.append(name).append('|').append(stat).append(','));
        key.append("};");
    }

    private void writeSettingsNote() throws IOException {
        Path note = directory.resolve("settings.txt");
        if (Files.exists(note)) return;
        Path tmp = TempFiles.create(directory, "settings", ".tmp");
        Files.writeString(tmp, preprocessor.settings().key() + "\nclasses=" + preprocessor.classCount()
                + (labelSource != null ? "\nlabels=" + labelSource : "") + "\nversion=" + PREPROCESSING_VERSION + "\n");
        try {
            Files.move(tmp, note, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp); // another worker wrote it first
        }
    }
}

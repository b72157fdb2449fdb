package dynaseg.data.formats;

import dynaseg.data.cache.DiskCaches;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of which organ masks of a TotalSegmentator case hold a voxel, kept on disk so that
 * the organ filter (at least 6 organs by default) reads each case's masks once, not at every start:
 * deciding it means decompressing up to 13 whole masks per case, minutes for a full dataset.
 *
 * <p>One line per case, {@code id TAB fingerprint TAB states}: states has one character per probed
 * organ ({@code 1} present, {@code 0} absent, {@code ?} not read yet); the fingerprint covers the
 * names, sizes and modification times of the case's organ mask files, so a changed, added or removed
 * mask makes the line stale. Lines are appended as cases are probed (from several threads); the last
 * line of a case wins; a torn last line is ignored; the file is compacted when it has grown to twice
 * its cases. When the file can't be written the cache just stays in memory: it never fails a run.
 */
final class OrganPresenceCache {
    static final String FILE_NAME = "organ-presence.tsv";
    static final char PRESENT = '1', ABSENT = '0', UNKNOWN = '?';

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int linesOnDisk;
    private boolean writable = true;

    /** The states of one case for one fingerprint. */
    record Entry(String fingerprint, String states) {}

    private OrganPresenceCache(Path file) {
        this.file = file;
    }

    /**
     * The cache of the TotalSegmentator folder {@code datasetDir}: under {@code cacheDir} when given,
     * else {@code $DYNASEG_CACHE}, else {@code <datasetDir>/.dynaseg-cache} when the folder is
     * writable, else {@code ~/.cache/dynaseg} (the preprocessing cache's order).
     */
    static OrganPresenceCache open(Path datasetDir, Path cacheDir) {
        OrganPresenceCache cache = new OrganPresenceCache(location(datasetDir, cacheDir));
        cache.load();
        return cache;
    }

    static Path location(Path datasetDir, Path cacheDir) {
        Path abs = datasetDir.toAbsolutePath().normalize();
        Path folder = DiskCaches.folder(cacheDir, abs);
        // a cache folder shared by several datasets names the file after this one
        return folder.equals(DiskCaches.inDataFolder(abs)) ? folder.resolve(FILE_NAME)
                : folder.resolve("organ-presence-" + DiskCaches.hash(abs.toString(), 16) + ".tsv");
    }
    Path file() { return file; }

    /** The known states of {@code id}, or null when unknown or stale for this fingerprint. */
    synchronized String states(String id, String fingerprint) {
        Entry e = entries.get(id);
        return e != null && e.fingerprint().equals(fingerprint) ? e.states() : null;
    }

    /** Records what is now known of {@code id} and appends it to the file. */
    synchronized void record(String id, String fingerprint, String states) {
        if (id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0) return; // not representable in the file
        entries.put(id, new Entry(fingerprint, states));
        if (!writable) return;
        try {
            Files.createDirectories(file.getParent());
            if (linesOnDisk >= 2 * Math.max(16, entries.size())) {
                compact();
            } else {
                Files.writeString(file, line(id, fingerprint, states), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                linesOnDisk++;
            }
        } catch (IOException e) {
            writable = false; // a read-only place: keep working from memory
        }
    }

    /**
     * A fingerprint of the mask files (name, size, modification time), missing ones included, so
     * that any change to a case's masks invalidates what was known of it.
     */
    static String fingerprint(List<Path> maskFiles) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Path p : maskFiles) {
            s.append(p.getFileName()).append(':');
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                s.append(a.size()).append(':').append(a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException e) {
                s.append('-');
            }
            s.append(';');
        }
        return DiskCaches.hash(s.toString(), 16);
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // no cache yet (or unreadable): everything is probed again
        }
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f.length == 3 && !f[0].isEmpty() && f[2].chars().allMatch(c -> c == PRESENT || c == ABSENT || c == UNKNOWN)) {
                entries.put(f[0], new Entry(f[1], f[2]));
            }
        }
        linesOnDisk = lines.size();
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                w.write(line(e.getKey(), e.getValue().fingerprint(), e.getValue().states()));
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        linesOnDisk = entries.size();
    }

    private static String line(String id, String fingerprint, String states) {
        return id + "\t" + fingerprint + "\t" + states + "\n";
    }
}

package dynaseg.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One binary mask per organ, TotalSegmentator's layout: {@code <dir>/<organ>.nii.gz}, uint8 with
 * 1 inside the organ and 0 elsewhere, on the label map's grid (dims, affine and qform/sform codes).
 * Every organ of the table gets its file, an empty mask when the organ is absent, so a folder of
 * masks always has the same files.
 *
 * <p>Each mask is written to a hidden temporary name in the folder and renamed into place: a
 * killed run leaves complete masks and no half-written one, and {@link #exist} is true only when
 * every mask is there.
 */
public final class SplitMasks {
    private SplitMasks() {}

    /**
     * The file of each organ (labels 1..255 of the table), by label. Names become file names as
     * they are, except that characters other than letters, digits, '.', '-' and '_' become '_'.
     *
     * @throws IllegalArgumentException when two organs would share a file
     */
    public static Map<Integer, Path> files(Path dir, LabelTable table) {
        Map<Integer, Path> files = new LinkedHashMap<>();
        Map<String, Integer> taken = new HashMap<>();
        for (LabelTable.Entry e : table.organs()) {
            String stem = e.name().replaceAll("[^A-Za-z0-9._-]", "_");
            if (stem.matches("\\.*")) stem = "label_" + e.value();
            Integer other = taken.put(stem, e.value());
            if (other != null) {
                throw new IllegalArgumentException("labels " + other + " and " + e.value() + " would both be written as "
                        + stem + ".nii.gz");
            }
            files.put(e.value(), dir.resolve(stem + ".nii.gz"));
        }
        return files;
    }

    /** True when the mask of every organ of the table is in {@code dir}. */
    public static boolean exist(Path dir, LabelTable table) {
        for (Path p : files(dir, table).values()) if (!Files.isRegularFile(p)) return false;
        return true;
    }

    /** Writes the mask of every organ of the table into {@code dir} (created if missing), replacing old ones. */
    public static void write(LabelMap labels, LabelTable table, Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] source = labels.labels();
        byte[] mask = new byte[source.length]; // one buffer, refilled: the writer is done with it before the next organ
        for (Map.Entry<Integer, Path> f : files(dir, table).entrySet()) {
            byte value = (byte) (int) f.getKey();
            for (int i = 0; i < source.length; i++) mask[i] = source[i] == value ? (byte) 1 : 0;
            Path target = f.getValue();
            Path tmp = TempFiles.create(dir, "." + target.getFileName().toString().replace(".nii.gz", "") + ".", ".nii.gz");
            try {
                Nifti.writeLabels(new LabelMap(labels.geometry(), mask), tmp);
                TempFiles.moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

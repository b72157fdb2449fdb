package dynaseg.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DICOM series folders and their conversion to NIfTI with Chris Rorden's {@code dcm2niix}
 * (https://github.com/rordenlab/dcm2niix), which has to be on the PATH: it reads every vendor's
 * geometry, slice order, rescale and gantry-tilt conventions, which dynaseg does not repeat.
 *
 * <p>A DICOM file is recognised by DICOM Part 10's marker, the bytes {@code DICM} at offset 128,
 * whatever its name; a folder "holds a series" when it directly holds at least one such file
 * (hidden files and DICOMDIR index files are left out, subfolders are not looked into).
 */
public final class DicomSeries {
    /** The converter's executable name. */
    public static final String CONVERTER = "dcm2niix";
    /** What to do when it is missing. */
    public static final String INSTALL_HINT = "install dcm2niix (apt install dcm2niix, or https://github.com/rordenlab/dcm2niix)";

    private static final byte[] MAGIC = "DICM".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC_OFFSET = 128;

    private DicomSeries() {}

    /** True when {@code file} is a regular file with {@code DICM} at byte 128. */
    public static boolean isDicomFile(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC_OFFSET + MAGIC.length);
            if (head.length < MAGIC_OFFSET + MAGIC.length) return false;
            for (int i = 0; i < MAGIC.length; i++) if (head[MAGIC_OFFSET + i] != MAGIC[i]) return false;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The DICOM files directly in {@code dir} (not hidden, not DICOMDIR), sorted by name. */
    public static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(DicomSeries::isCandidate).filter(DicomSeries::isDicomFile).sorted().toList();
        }
    }

    /** True when {@code dir} directly holds a DICOM file (stops at the first one). */
    public static boolean holdsSeries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(DicomSeries::isCandidate).anyMatch(DicomSeries::isDicomFile);
        }
    }

    /** The subfolders of {@code dir} (not hidden) that hold a series, sorted by name. */
    public static List<Path> seriesSubfolders(Path dir) throws IOException {
        List<Path> subfolders;
        try (Stream<Path> s = Files.list(dir)) {
            subfolders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        List<Path> series = new ArrayList<>();
        for (Path d : subfolders) if (holdsSeries(d)) series.add(d);
        return series;
    }

    private static boolean isCandidate(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && !name.equalsIgnoreCase("DICOMDIR") && Files.isRegularFile(p);
    }

    /** The converter in one of the folders of a PATH-style list, if any. */
    public static Optional<Path> findConverter(String pathVariable) {
        if (pathVariable == null) return Optional.empty();
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path exe = Path.of(dir, CONVERTER);
            if (Files.isRegularFile(exe) && Files.isExecutable(exe)) return Optional.of(exe);
        }
        return Optional.empty();
    }

    /**
     * The converter on this process's PATH.
     *
     * @throws IOException naming {@code forFolder} and how to install it, when it is missing
     */
    public static Path converter(Path forFolder) throws IOException {
        return converter(System.getenv("PATH"), forFolder);
    }

    /** {@link #converter(Path)} with a given PATH (tests). */
    public static Path converter(String pathVariable, Path forFolder) throws IOException {
        return findConverter(pathVariable).orElseThrow(() -> new IOException(forFolder
                + ": a DICOM series; reading it needs dcm2niix, which is not on the PATH: " + INSTALL_HINT));
    }

    /**
     * Converts the DICOM files directly in {@code folder} into gzipped NIfTI files in
     * {@code outDir} (an empty folder): {@code dcm2niix -z y -b n -d 0 -f series%s}, that is
     * gzipped, no BIDS sidecar, no subfolders, one file per series named {@code series<number>}
     * (dcm2niix adds a suffix when a series makes several volumes). Where dcm2niix writes both an
     * image and its corrected version (gantry tilt {@code _Tilt_}, unequal slice gaps
     * {@code _Eq_}) only the corrected one is kept; 2D images (localizers, a single slice) are
     * left out.
     *
     * @return the 3D images made, sorted by name (never empty)
     * @throws IOException naming the folder when dcm2niix fails or makes no 3D image
     */
    public static List<Path> convert(Path converter, Path folder, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<String> cmd = List.of(converter.toString(), "-z", "y", "-b", "n", "-d", "0", "-f", "series%s",
                "-o", outDir.toString(), folder.toString());
        String output;
        int code;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(folder + ": interrupted while dcm2niix converted it", e);
        }
        List<Path> made;
        try (Stream<Path> s = Files.list(outDir)) {
            made = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nii.gz")).sorted().toList();
        }
        if (code != 0 || made.isEmpty()) {
            throw new IOException(folder + ": dcm2niix " + (code != 0 ? "failed (exit code " + code + ")" : "made no image")
                    + ": " + lastProblem(output));
        }
        List<Path> kept = new ArrayList<>();
        for (Path f : made) {
            String stem = stem(f);
            boolean superseded = made.stream().map(DicomSeries::stem)
                    .anyMatch(o -> o.startsWith(stem + "_Tilt_") || o.startsWith(stem + "_Eq_"));
            if (superseded) continue;
            long[] shape = Nifti.readHeader(f).shape();
            boolean flat = shape.length < 3 || shape[0] < 2 || shape[1] < 2 || shape[2] < 2;
            if (!flat) kept.add(f);
        }
        if (kept.isEmpty()) throw new IOException(folder + ": dcm2niix made only 2D images of it (localizers or single slices), no CT volume");
        return List.copyOf(kept);
    }

    /** The file name without .nii.gz. */
    static String stem(Path niftiGz) {
        String name = niftiGz.getFileName().toString();
        return name.substring(0, name.length() - ".nii.gz".length());
    }

    /** dcm2niix's last line that reads like an error (else its last line) for a one-line message. */
    static String lastProblem(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).toLowerCase(Locale.ROOT);
            if (l.startsWith("error") || l.contains("no valid dicom") || l.contains("unable") || l.contains("unsupported")) {
                return lines.get(i);
            }
        }
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }
}

package dynaseg.infer;

import dynaseg.io.AtomicFiles;
import dynaseg.io.DicomSeries;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scans of {@code predict --input}: {@link PredictionInputs}' NIfTI files, plus DICOM CT
 * series converted to NIfTI with dcm2niix ({@link DicomSeries}) into a temporary folder that
 * {@link #close()} removes (a shutdown hook removes it too when the run is interrupted).
 *
 * <p>The input may be a NIfTI file; a folder holding DICOM files (one series, or several); or a
 * folder whose NIfTI files and whose subfolders holding DICOM files are each a scan. A series is
 * named after its folder: {@code <folder>.nii.gz}, so that its prediction is
 * {@code <out>/<folder>.nii.gz} on the converted grid; a folder holding several series gives
 * {@code <folder>_series<number>.nii.gz} for each. Two scans that would get the same name are an
 * error listing both, before anything is converted or predicted.
 */
public final class DicomInputs implements AutoCloseable {
    private final List<Path> scans;
    private final Path tempDir;
    private final Thread cleanup;

    private DicomInputs(List<Path> scans, Path tempDir) {
        this.scans = List.copyOf(scans);
        this.tempDir = tempDir;
        if (tempDir != null) {
            cleanup = new Thread(() -> deleteQuietly(tempDir), "dynaseg-dicom-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
        } else {
            cleanup = null;
        }
    }

    /**
     * Lists the scans of {@code fileOrDir}, converting the DICOM series it holds; conversions are
     * reported on {@code log}, one line each.
     *
     * @throws IOException naming the file or folder when there is no scan, a name is taken twice,
     *     dcm2niix is missing or a conversion fails (nothing is left behind then)
     */
    public static DicomInputs prepare(Path fileOrDir, PrintStream log) throws IOException {
        if (!Files.isDirectory(fileOrDir)) {
            if (DicomSeries.isDicomFile(fileOrDir)) {
                throw new IOException(fileOrDir + ": a DICOM file; give the folder that holds its series");
            }
            return new DicomInputs(PredictionInputs.list(fileOrDir), null);
        }
        List<Path> series = new ArrayList<>();
        if (DicomSeries.holdsSeries(fileOrDir)) series.add(fileOrDir);
        series.addAll(DicomSeries.seriesSubfolders(fileOrDir));
        if (series.isEmpty()) return new DicomInputs(PredictionInputs.list(fileOrDir), null);

        List<Path> niftis = PredictionInputs.niftiFiles(fileOrDir);
        Map<String, Path> taken = new HashMap<>();
        for (Path f : niftis) claim(taken, f.getFileName().toString(), f);
        for (Path s : series) claim(taken, folderName(s) + ".nii.gz", s);

        Path converter = DicomSeries.converter(series.get(0));
        Path temp = Files.createTempDirectory("dynaseg-dicom-");
        List<Path> scans = new ArrayList<>(niftis);
        try {
            for (int i = 0; i < series.size(); i++) {
                Path folder = series.get(i);
                Path dir = Files.createDirectories(temp.resolve(Integer.toString(i)));
                int files = DicomSeries.dicomFiles(folder).size();
                List<Path> made = DicomSeries.convert(converter, folder, dir.resolve("dcm2niix"));
                String name = folderName(folder);
                for (Path m : made) {
                    String target = made.size() == 1 ? name + ".nii.gz" : name + "_" + m.getFileName();
                    if (made.size() > 1) claim(taken, target, folder);
                    Path scan = Files.move(m, dir.resolve(target));
                    scans.add(scan);
                    log.printf(Locale.ROOT, "DICOM %s (%d files) -> %s, %s%n", folder, files, target, dims(scan));
                }
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        log.flush();
        scans.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return new DicomInputs(scans, temp);
    }

    /** The scans to predict, NIfTI files (converted ones in the temporary folder), sorted by file name. */
    public List<Path> scans() { return scans; }

    /** Removes the converted files. */
    @Override
    public void close() {
        if (tempDir == null) return;
        deleteQuietly(tempDir);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down already: the hook runs (and finds nothing)
        }
    }

    private static void claim(Map<String, Path> taken, String scanName, Path source) throws IOException {
        Path before = taken.putIfAbsent(scanName.toLowerCase(Locale.ROOT), source);
        if (before != null) {
            throw new IOException(before + " and " + source + " would both be predicted as " + scanName + "; rename one");
        }
    }

    private static String folderName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "dicom" : name.toString();
    }

    private static String dims(Path nifti) throws IOException {
        long[] s = Nifti.readHeader(nifti).shape();
        return String.join("x", Arrays.stream(s).mapToObj(Long::toString).toArray(String[]::new));
    }

    private static void deleteQuietly(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }

}

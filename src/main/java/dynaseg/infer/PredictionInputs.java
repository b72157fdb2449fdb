package dynaseg.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The scans to predict: one NIfTI file, or every .nii/.nii.gz file directly in a folder (sorted
 * by name; hidden files and subfolders are left out). DICOM series come in through
 * {@link DicomInputs}.
 */
public final class PredictionInputs {
    private PredictionInputs() {}

    public static List<Path> list(Path fileOrDir) throws IOException {
        if (Files.isDirectory(fileOrDir)) {
            List<Path> files = niftiFiles(fileOrDir);
            if (files.isEmpty()) throw new IOException(fileOrDir + ": no .nii or .nii.gz files and no DICOM series in this folder or its subfolders");
            return files;
        }
        if (!Files.exists(fileOrDir)) throw new NoSuchFileException(fileOrDir + ": no such file or folder");
        if (!isNifti(fileOrDir)) throw new IOException(fileOrDir + ": not a .nii or .nii.gz file");
        return List.of(fileOrDir);
    }

    /** The .nii/.nii.gz files directly in {@code dir}, sorted, hidden files left out; may be empty. */
    public static List<Path> niftiFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(PredictionInputs::isNifti)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    public static boolean isNifti(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }
}

package dynaseg.io;

import java.io.IOException;
import java.nio.file.Path;

/** Entry points for reading and writing NIfTI files. STUB: to be implemented. */
public final class Nifti {
    private Nifti() {}

    /** Reads a 3D image (scl_slope/scl_inter applied) from .nii or .nii.gz, NIfTI-1 or NIfTI-2. */
    public static Volume readVolume(Path file) throws IOException { throw new UnsupportedOperationException("stub"); }

    /** Reads a 3D label map (integer values 0..255). */
    public static LabelMap readLabels(Path file) throws IOException { throw new UnsupportedOperationException("stub"); }

    /** Writes a NIfTI-1 image with the given on-disk data type (nibabel name, e.g. "int16", "float32"). */
    public static void writeVolume(Volume volume, Path file, String datatype) throws IOException { throw new UnsupportedOperationException("stub"); }

    /** Writes a uint8 NIfTI-1 label map with the map's geometry. */
    public static void writeLabels(LabelMap labels, Path file) throws IOException { throw new UnsupportedOperationException("stub"); }
}

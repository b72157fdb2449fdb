package dynaseg.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry points for reading and writing NIfTI files.
 *
 * <p>Reading accepts single-file NIfTI-1 and NIfTI-2, plain or gzipped, either byte order, with
 * data types uint8, int8, int16, uint16, int32, uint32, int64, float32 and float64. The geometry
 * is nibabel's: sform if its code is set, else qform, else pixdim. Writing produces NIfTI-1,
 * little-endian, gzipped unless the name ends in {@code .nii}. Problems with a file raise a
 * {@link NiftiFormatException} (an IOException) whose message names the file and the problem.
 */
public final class Nifti {
    private Nifti() {}

    /** The header of a NIfTI file, without reading its voxels (works for 4D files too). */
    public static NiftiHeader readHeader(Path file) throws IOException {
        return NiftiReader.readHeader(file);
    }

    /**
     * Reads a 3D image (scl_slope/scl_inter applied) from .nii or .nii.gz, NIfTI-1 or NIfTI-2.
     * A 4D file whose extra dimensions have size 1 counts as 3D.
     */
    public static Volume readVolume(Path file) throws IOException {
        return NiftiReader.readVolume(file);
    }

    /**
     * Reads a 3D label map: any supported data type whose (scaled) values are all integers in
     * 0..255; anything else is a {@link NiftiFormatException} naming the first offending voxel.
     */
    public static LabelMap readLabels(Path file) throws IOException {
        return NiftiReader.readLabels(file);
    }

    /**
     * Writes a NIfTI-1 image with the given on-disk data type (nibabel name, e.g. "int16",
     * "float32") and the volume's geometry. Integer types store the values exactly when they are
     * integers in the type's range; otherwise scl_slope/scl_inter spread the value range over the
     * type's range (lossy, like nibabel). Gzipped unless the file name ends in ".nii".
     *
     * @throws IllegalArgumentException for an unknown data type, NaN/infinite values in an
     *     integer type, or a grid larger than NIfTI-1 holds (32767 per axis)
     */
    public static void writeVolume(Volume volume, Path file, String datatype) throws IOException {
        NiftiDataType type = NiftiDataType.fromName(datatype);
        float[] voxels = volume.voxels();
        double[] scaling = VoxelEncoder.scalingFor(voxels, type);
        byte[] header = NiftiHeaderCodec.encodeNifti1(checkFits(volume.geometry()), type, scaling[0], scaling[1]);
        VoxelEncoder encoder = new VoxelEncoder(type, scaling[0], scaling[1]);
        NiftiWriter.write(file, header, (first, n, dst, off) -> encoder.encode(voxels, first, n, dst, off),
                voxels.length, type.bytes());
    }

    /** Writes a uint8 NIfTI-1 label map with the map's geometry (gzipped unless the name ends in ".nii"). */
    public static void writeLabels(LabelMap labels, Path file) throws IOException {
        byte[] header = NiftiHeaderCodec.encodeNifti1(checkFits(labels.geometry()), NiftiDataType.UINT8, 1, 0);
        byte[] values = labels.labels();
        NiftiWriter.write(file, header, (first, n, dst, off) -> System.arraycopy(values, first, dst, off, n), values.length, 1);
    }

    private static Geometry checkFits(Geometry g) {
        for (int d : g.dims()) {
            if (d > Short.MAX_VALUE) {
                throw new IllegalArgumentException("grid " + java.util.Arrays.toString(g.dims()) + " is too large for NIfTI-1 (at most 32767 voxels per axis)");
            }
        }
        return g;
    }
}

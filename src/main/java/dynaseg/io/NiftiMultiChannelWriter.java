package dynaseg.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes several float32 channels on one 3D grid as a single 4D NIfTI-1 image of shape
 * (X, Y, Z, C), e.g. the per-class probabilities of a prediction (nibabel reads it as
 * {@code img.shape == (nx, ny, nz, C)}, channel c being {@code img.dataobj[..., c]}).
 *
 * <p>The header is {@link Nifti#writeLabels}'s 3D one (same sform, qform and codes from the
 * geometry) with dim[0] = 4 and dim[4] = C; the data are the channels one after the other, each
 * x fastest, which is NIfTI's order for a 4th dimension. Gzipped unless the name ends in ".nii".
 */
public final class NiftiMultiChannelWriter {
    /** Offset of dim[0] in the NIfTI-1 header (nifti1.h). */
    private static final int DIM_OFFSET = 40;

    private NiftiMultiChannelWriter() {}

    /**
     * @param channels C arrays of {@code geometry.voxelCount()} values each, x fastest
     * @throws IllegalArgumentException when a channel has the wrong length, there are no channels,
     *     or C * voxels exceeds what one NIfTI-1 file written here holds (2^31 - 1 values)
     */
    public static void writeFloat32(Geometry geometry, float[][] channels, Path file) throws IOException {
        int n = geometry.voxelCount();
        int c = channels.length;
        if (c == 0) throw new IllegalArgumentException("no channels to write to " + file);
        if (c > Short.MAX_VALUE) throw new IllegalArgumentException(c + " channels are too many for NIfTI-1 (" + file + ")");
        for (int k = 0; k < c; k++) {
            if (channels[k].length != n) {
                throw new IllegalArgumentException("channel " + k + " has " + channels[k].length + " values, the grid "
                        + geometry + " has " + n);
            }
        }
        long total = (long) n * c;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(c + " channels of " + n + " voxels (" + total + " values) are too many for "
                    + file + "; write fewer channels per file");
        }
        for (int d : geometry.dims()) {
            if (d > Short.MAX_VALUE) throw new IllegalArgumentException("grid " + geometry + " is too large for NIfTI-1");
        }
        byte[] header = NiftiHeaderCodec.encodeNifti1(geometry, NiftiDataType.FLOAT32, 1, 0);
        putShortLe(header, DIM_OFFSET, (short) 4);
        putShortLe(header, DIM_OFFSET + 2 * 4, (short) c);
        NiftiWriter.write(file, header, (first, count, dst, off) -> encode(channels, n, first, count, dst, off),
                (int) total, 4);
    }

    /** Little-endian float32 bytes of values [first, first + count) of the concatenated channels. */
    private static void encode(float[][] channels, int n, int first, int count, byte[] dst, int off) {
        int k = first / n;
        int i = first % n;
        for (int done = 0; done < count; done++) {
            int bits = Float.floatToRawIntBits(channels[k][i]);
            dst[off++] = (byte) bits;
            dst[off++] = (byte) (bits >>> 8);
            dst[off++] = (byte) (bits >>> 16);
            dst[off++] = (byte) (bits >>> 24);
            if (++i == n) {
                i = 0;
                k++;
            }
        }
    }

    private static void putShortLe(byte[] b, int at, short v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }
}

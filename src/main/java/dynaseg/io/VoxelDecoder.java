package dynaseg.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a chunk of raw voxel bytes into scaled values. Each data type has its own tight loop
 * (bulk copy through a ByteBuffer view into a primitive array, which also swaps bytes, then a
 * plain conversion loop the JIT vectorises): no per-voxel virtual calls.
 *
 * <p>Scaled values are computed as nibabel's {@code get_fdata} does, {@code raw * slope + inter}
 * in double precision, then rounded to float.
 */
final class VoxelDecoder {
    private final NiftiDataType type;
    private final ByteOrder order;
    private final double slope;
    private final double inter;
    private final boolean scaled;

    VoxelDecoder(NiftiDataType type, ByteOrder order, double slope, double inter) {
        this.type = type;
        this.order = order;
        this.slope = slope;
        this.inter = inter;
        this.scaled = slope != 1 || inter != 0;
    }

    /** Decodes {@code nBytes} bytes of {@code src} into {@code dst[off ..]}. */
    void toFloat(byte[] src, int nBytes, float[] dst, int off) {
        ByteBuffer bb = ByteBuffer.wrap(src, 0, nBytes).order(order);
        int n = nBytes / type.bytes();
        switch (type) {
            case UINT8 -> {
                if (!scaled) for (int i = 0; i < n; i++) dst[off + i] = src[i] & 0xFF;
                else for (int i = 0; i < n; i++) dst[off + i] = (float) ((src[i] & 0xFF) * slope + inter);
            }
            case INT8 -> {
                if (!scaled) for (int i = 0; i < n; i++) dst[off + i] = src[i];
                else for (int i = 0; i < n; i++) dst[off + i] = (float) (src[i] * slope + inter);
            }
            case INT16 -> {
                short[] t = new short[n];
                bb.asShortBuffer().get(t);
                if (!scaled) for (int i = 0; i < n; i++) dst[off + i] = t[i];
                else for (int i = 0; i < n; i++) dst[off + i] = (float) (t[i] * slope + inter);
            }
            case UINT16 -> {
                short[] t = new short[n];
                bb.asShortBuffer().get(t);
                if (!scaled) for (int i = 0; i < n; i++) dst[off + i] = t[i] & 0xFFFF;
                else for (int i = 0; i < n; i++) dst[off + i] = (float) ((t[i] & 0xFFFF) * slope + inter);
            }
            case INT32 -> {
                int[] t = new int[n];
                bb.asIntBuffer().get(t);
                for (int i = 0; i < n; i++) dst[off + i] = (float) (t[i] * slope + inter);
            }
            case UINT32 -> {
                int[] t = new int[n];
                bb.asIntBuffer().get(t);
                for (int i = 0; i < n; i++) dst[off + i] = (float) ((t[i] & 0xFFFFFFFFL) * slope + inter);
            }
            case INT64 -> {
                long[] t = new long[n];
                bb.asLongBuffer().get(t);
                for (int i = 0; i < n; i++) dst[off + i] = (float) ((double) t[i] * slope + inter);
            }
            case FLOAT32 -> {
                bb.asFloatBuffer().get(dst, off, n);
                if (scaled) for (int i = off; i < off + n; i++) dst[i] = (float) (dst[i] * slope + inter);
            }
            case FLOAT64 -> {
                double[] t = new double[n];
                bb.asDoubleBuffer().get(t);
                for (int i = 0; i < n; i++) dst[off + i] = (float) (t[i] * slope + inter);
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    /** Decodes {@code nBytes} bytes of {@code src} into {@code dst[0 ..]} at full double precision. */
    void toDouble(byte[] src, int nBytes, double[] dst) {
        ByteBuffer bb = ByteBuffer.wrap(src, 0, nBytes).order(order);
        int n = nBytes / type.bytes();
        switch (type) {
            case UINT8 -> { for (int i = 0; i < n; i++) dst[i] = src[i] & 0xFF; }
            case INT8 -> { for (int i = 0; i < n; i++) dst[i] = src[i]; }
            case INT16 -> {
                short[] t = new short[n];
                bb.asShortBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i];
            }
            case UINT16 -> {
                short[] t = new short[n];
                bb.asShortBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i] & 0xFFFF;
            }
            case INT32 -> {
                int[] t = new int[n];
                bb.asIntBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i];
            }
            case UINT32 -> {
                int[] t = new int[n];
                bb.asIntBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i] & 0xFFFFFFFFL;
            }
            case INT64 -> {
                long[] t = new long[n];
                bb.asLongBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i];
            }
            case FLOAT32 -> {
                float[] t = new float[n];
                bb.asFloatBuffer().get(t);
                for (int i = 0; i < n; i++) dst[i] = t[i];
            }
            case FLOAT64 -> bb.asDoubleBuffer().get(dst, 0, n);
            default -> throw new IllegalStateException(type.toString());
        }
        if (scaled) for (int i = 0; i < n; i++) dst[i] = dst[i] * slope + inter;
    }
}

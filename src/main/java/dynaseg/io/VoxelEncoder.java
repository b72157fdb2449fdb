package dynaseg.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns float voxel values into little-endian raw bytes of one NIfTI data type, storing
 * {@code rint((value - inter) / slope)} for integer types (nibabel's write rounding) and the
 * value itself for float types. Chooses the scaling for a whole image with {@link #scalingFor}.
 */
final class VoxelEncoder {
    private final NiftiDataType type;
    private final double slope;
    private final double inter;
    private final boolean scaled;

    VoxelEncoder(NiftiDataType type, double slope, double inter) {
        this.type = type;
        this.slope = slope;
        this.inter = inter;
        this.scaled = slope != 1 || inter != 0;
    }

    /**
     * {slope, inter} for storing {@code values} as {@code type}: identity when the values are
     * integers within the type's range (or the type is a float type); otherwise the range
     * [min, max] spread over the type's range, rounded to float32 as the header holds them.
     *
     * @throws IllegalArgumentException for NaN or infinite values in an integer type
     */
    static double[] scalingFor(float[] values, NiftiDataType type) {
        if (!type.isInteger()) return new double[] {1, 0};
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        boolean finite = true;
        for (float v : values) {
            if (v < min) min = v;
            if (v > max) max = v;
            if (v != v) finite = false;
            if (integral && v != Math.rint(v)) integral = false;
        }
        if (values.length == 0) return new double[] {1, 0};
        if (!finite || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("image holds NaN or infinite values, which " + type + " cannot store; write it as float32");
        }
        if (integral && min >= type.minValue() && max <= type.maxValue()) return new double[] {1, 0};
        if (max == min) return new double[] {1, min};
        // never use the type's extremes for int64/uint32, whose limits are not exact doubles
        double lo = Math.max(type.minValue(), -2147483648.0), hi = Math.min(type.maxValue(), 2147483647.0);
        double slope = (float) ((max - min) / (hi - lo));
        double inter = (float) (min - lo * slope);
        return new double[] {slope, inter};
    }

    /** Encodes {@code src[off .. off+n)} into {@code dst[dstOff ..]} (n * type.bytes() bytes). */
    void encode(float[] src, int off, int n, byte[] dst, int dstOff) {
        ByteBuffer bb = ByteBuffer.wrap(dst, dstOff, n * type.bytes()).slice().order(ByteOrder.LITTLE_ENDIAN);
        double lo = type.minValue(), hi = type.maxValue();
        switch (type) {
            case UINT8, INT8 -> {
                for (int i = 0; i < n; i++) dst[dstOff + i] = (byte) (long) raw(src[off + i], lo, hi);
            }
            case INT16, UINT16 -> {
                short[] t = new short[n];
                for (int i = 0; i < n; i++) t[i] = (short) (long) raw(src[off + i], lo, hi);
                bb.asShortBuffer().put(t);
            }
            case INT32, UINT32 -> {
                int[] t = new int[n];
                for (int i = 0; i < n; i++) t[i] = (int) (long) raw(src[off + i], lo, hi);
                bb.asIntBuffer().put(t);
            }
            case INT64 -> {
                long[] t = new long[n];
                for (int i = 0; i < n; i++) t[i] = (long) raw(src[off + i], lo, hi);
                bb.asLongBuffer().put(t);
            }
            case FLOAT32 -> bb.asFloatBuffer().put(src, off, n);
            case FLOAT64 -> {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) t[i] = src[off + i];
                bb.asDoubleBuffer().put(t);
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private double raw(float v, double lo, double hi) {
        double r = scaled ? Math.rint((v - inter) / slope) : v;
        return r < lo ? lo : r > hi ? hi : r;
    }
}

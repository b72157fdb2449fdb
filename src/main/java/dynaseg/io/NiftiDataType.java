package dynaseg.io;

import java.util.Locale;

/**
 * The NIfTI voxel data types dynaseg reads and writes, with their header codes and the names
 * nibabel (numpy) gives them. Complex, RGB and 128-bit types are not supported.
 */
public enum NiftiDataType {
    UINT8(2, 1, "uint8", true, 0, 255),
    INT8(256, 1, "int8", true, -128, 127),
    INT16(4, 2, "int16", true, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(512, 2, "uint16", true, 0, 65535),
    INT32(8, 4, "int32", true, Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(768, 4, "uint32", true, 0, 4294967295.0),
    INT64(1024, 8, "int64", true, -9.223372036854775808e18, 9.223372036854775807e18),
    FLOAT32(16, 4, "float32", false, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(64, 8, "float64", false, -Double.MAX_VALUE, Double.MAX_VALUE);

    private final int code;
    private final int bytes;
    private final String numpyName;
    private final boolean integer;
    private final double min;
    private final double max;

    NiftiDataType(int code, int bytes, String numpyName, boolean integer, double min, double max) {
        this.code = code;
        this.bytes = bytes;
        this.numpyName = numpyName;
        this.integer = integer;
        this.min = min;
        this.max = max;
    }

    /** The NIfTI header code (the {@code datatype} field). */
    public int code() { return code; }
    /** Bytes per voxel. */
    public int bytes() { return bytes; }
    /** The header's {@code bitpix}. */
    public int bitpix() { return 8 * bytes; }
    /** nibabel's / numpy's name, e.g. {@code int16}. */
    public String numpyName() { return numpyName; }
    public boolean isInteger() { return integer; }
    /** Smallest value the type holds (integer types: exact; int64: nearest double). */
    public double minValue() { return min; }
    /** Largest value the type holds. */
    public double maxValue() { return max; }

    /** The type with this header code, or null when dynaseg does not support it. */
    public static NiftiDataType fromCode(int code) {
        for (NiftiDataType t : values()) if (t.code == code) return t;
        return null;
    }

    /** The type with this nibabel name ("int16", "float32", ...; case-insensitive). */
    public static NiftiDataType fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (NiftiDataType t : values()) if (t.numpyName.equals(n)) return t;
        throw new IllegalArgumentException("unsupported NIfTI data type '" + name + "' (use one of uint8, int8, int16, "
                + "uint16, int32, uint32, int64, float32, float64)");
    }

    /** A readable name for a header code, including the types dynaseg does not support. */
    static String describeCode(int code) {
        NiftiDataType t = fromCode(code);
        if (t != null) return t.numpyName;
        return switch (code) {
            case 0 -> "unknown (0)";
            case 1 -> "binary (1)";
            case 32 -> "complex64 (32)";
            case 128 -> "RGB24 (128)";
            case 1280 -> "uint64 (1280)";
            case 1536 -> "float128 (1536)";
            case 1792 -> "complex128 (1792)";
            case 2048 -> "complex256 (2048)";
            case 2304 -> "RGBA32 (2304)";
            default -> "code " + code;
        };
    }

    @Override
    public String toString() { return numpyName; }
}

package dynaseg.testutil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * float32 arrays in NumPy's .npy format (version 1.0: magic, header length, a Python dict literal
 * padded to 64 bytes, then the C-order little-endian data), for exchanging arrays with Python peers.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), *\\}\\s*");

    /** A float32 array and its shape. */
    public record Array(float[] data, long[] shape) {}

    private Npy() {}

    public static void write(Path file, float[] data, long... shape) throws IOException {
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
        StringBuilder dims = new StringBuilder();
        for (long d : shape) dims.append(d).append(", ");
        if (shape.length > 1) dims.setLength(dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = (MAGIC.length + 2 + dict.length() + 1 + 63) / 64 * 64; // the dict ends with '\n'
        String header = dict + " ".repeat(total - MAGIC.length - 2 - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(total + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        out.asFloatBuffer().put(data);
        Files.write(file, out.array());
    }

    /** Reads a version 1.0 little-endian float32 C-order .npy file (what numpy.save writes for float32). */
    public static Array read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) throw new IOException(file + ": not a version 1.0 .npy file");
        byte[] header = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(header);
        Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
        if (!m.matches()) throw new IOException(file + ": not a little-endian float32 C-order array: " + new String(header, StandardCharsets.US_ASCII));
        long[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        float[] data = new float[in.remaining() / 4];
        in.asFloatBuffer().get(data);
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != data.length) {
            throw new IOException(file + ": shape " + Arrays.toString(shape) + " does not match " + data.length + " values");
        }
        return new Array(data, shape);
    }
}

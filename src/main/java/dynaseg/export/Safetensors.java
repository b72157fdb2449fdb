package dynaseg.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dynaseg.io.TempFiles;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the safetensors format of Hugging Face (https://github.com/huggingface/safetensors),
 * which PyTorch, JAX, TensorFlow and most model hubs read without running code from the file.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N; N bytes of UTF-8 JSON
 * {@code {"__metadata__": {string: string}, "name": {"dtype": "F32", "shape": [..], "data_offsets":
 * [begin, end]}, ...}}; then the tensors' raw little-endian, row-major bytes, with offsets
 * relative to the first data byte. {@link #write} lays the tensors out in the map's order without
 * gaps and pads the header with spaces so that the data starts at a multiple of 8 bytes (as the
 * reference writer does, so that readers that map the file can view F64/I64 data in place).
 *
 * <p>{@link #read} is strict where the reference reader is (header under 100 MB, no duplicate
 * names, every byte of the data covered exactly once, sizes that fit dtype and shape) and names
 * the file in every error. It loads all tensors into memory and serves tests and round trips; it
 * does not convert between dtypes.
 */
public final class Safetensors {
    /** The reference reader refuses longer headers, so that a corrupt length cannot make it parse gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";

    /** Bytes per element of every dtype the format defines. */
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1),
            Map.entry("U16", 2), Map.entry("I16", 2), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("U32", 4), Map.entry("I32", 4), Map.entry("F32", 4),
            Map.entry("U64", 8), Map.entry("I64", 8), Map.entry("F64", 8));

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * One stored tensor: its safetensors dtype ({@code "F32"}, {@code "I64"}, ...), its shape
     * ({@code []} for a scalar) and its bytes, little-endian and row-major. The arrays are shared,
     * not copied; equality is by reference.
     */
    public record Tensor(String dtype, long[] shape, byte[] data) {
        /** The values of an F32 tensor; IllegalStateException for other dtypes. */
        public float[] toFloats() {
            requireDtype("F32");
            float[] values = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }

        /** The values of an I64 tensor; IllegalStateException for other dtypes. */
        public long[] toLongs() {
            requireDtype("I64");
            long[] values = new long[data.length / 8];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
            return values;
        }

        private void requireDtype(String expected) {
            if (!dtype.equals(expected)) throw new IllegalStateException("tensor is " + dtype + ", not " + expected);
        }

        @Override
        public String toString() {
            return dtype + Arrays.toString(shape);
        }
    }

    /** What a file holds: the tensors by name in header order, and the {@code __metadata__} strings. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    /**
     * Writes {@code tensors} (in the map's order) and {@code metadata} to {@code file}, atomically:
     * into a temporary file in the same folder that is then renamed over {@code file}, so that a
     * reader never sees half a file and a failed write leaves the old file in place.
     *
     * @throws IllegalArgumentException for an empty or reserved tensor name, or a data type the
     *     format has no name for (e.g. STRING)
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            // the arrays' bytes are copied as the engine holds them
            throw new UnsupportedOperationException("writing safetensors needs a little-endian machine");
        }
        byte[] header = header(tensors, metadata);
        TempFiles.replace(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (NDArray array : tensors.values()) out.write(array.toByteArray());
        });
    }

    /** The JSON header padded with spaces to a multiple of 8 bytes (the 8-byte length before it keeps the data aligned). */
    private static byte[] header(Map<String, NDArray> tensors, Map<String, String> metadata) throws JsonProcessingException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name '" + name + "' is empty or reserved");
            }
            NDArray array = e.getValue();
            long bytes = array.size() * array.getDataType().getNumOfBytes();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", dtypeName(name, array.getDataType()));
            ArrayNode shape = entry.putArray("shape");
            for (long d : array.getShape().getShape()) shape.add(d);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static String dtypeName(String tensor, DataType type) {
        switch (type) {
            case FLOAT32: return "F32";
            case FLOAT64: return "F64";
            case FLOAT16: return "F16";
            case BFLOAT16: return "BF16";
            case INT8: return "I8";
            case UINT8: return "U8";
            case INT16: return "I16";
            case UINT16: return "U16";
            case INT32: return "I32";
            case UINT32: return "U32";
            case INT64: return "I64";
            case UINT64: return "U64";
            case BOOLEAN: return "BOOL";
            default: throw new IllegalArgumentException("tensor '" + tensor + "': safetensors has no dtype for " + type);
        }
    }

    /**
     * Reads a whole safetensors file.
     *
     * @throws IOException naming the file when it cannot be read, is truncated, or breaks the
     *     format (header length, JSON, dtype, shape, offsets)
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) throw malformed(file, "only " + size + " bytes, shorter than the 8-byte header length");
            long headerLength = bytes(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw malformed(file, "header length " + Long.toUnsignedString(headerLength) + " is over the format's limit of "
                        + MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
            }
            if (headerLength > size - 8) {
                throw malformed(file, "header length " + headerLength + " runs past the end of the file (" + size
                        + " bytes): truncated, or not a safetensors file");
            }
            JsonNode header = parseHeader(file, bytes(file, channel, 8, (int) headerLength).array());
            long dataStart = 8 + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(METADATA_KEY)) {
                    metadata.putAll(metadata(file, field.getValue()));
                } else {
                    entries.add(entry(file, field.getKey(), field.getValue()));
                }
            }
            checkCoverage(file, entries, size - dataStart);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                byte[] data = bytes(file, channel, dataStart + e.begin, Math.toIntExact(e.end - e.begin)).array();
                tensors.put(e.name, new Tensor(e.dtype, e.shape, data));
            }
            return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
        }
    }

    /** A tensor's header entry; offsets relative to the data start. */
    private record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    private static JsonNode parseHeader(Path file, byte[] bytes) throws IOException {
        if (bytes.length == 0 || bytes[0] != '{') throw malformed(file, "header does not start with '{'");
        JsonNode header;
        try {
            header = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw malformed(file, "header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) throw malformed(file, "header is not a JSON object");
        return header;
    }

    private static Map<String, String> metadata(Path file, JsonNode node) throws IOException {
        if (!node.isObject()) throw malformed(file, METADATA_KEY + " is not an object");
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) throw malformed(file, METADATA_KEY + "." + field.getKey() + " is not a string");
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry entry(Path file, String name, JsonNode node) throws IOException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) throw malformed(file, where + " is not an object");
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual() || !DTYPE_BYTES.containsKey(dtype.textValue())) {
            throw malformed(file, where + " has dtype " + dtype + ", not one of " + DTYPE_BYTES.keySet());
        }
        long[] shape = longs(file, where + " shape", node.get("shape"), -1);
        long[] offsets = longs(file, where + " data_offsets", node.get("data_offsets"), 2);
        long bytes;
        try {
            bytes = DTYPE_BYTES.get(dtype.textValue());
            for (long d : shape) bytes = Math.multiplyExact(bytes, d);
        } catch (ArithmeticException e) {
            throw malformed(file, where + " shape " + Arrays.toString(shape) + " overflows");
        }
        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes) {
            throw malformed(file, where + " data_offsets " + Arrays.toString(offsets) + " do not hold " + bytes + " bytes of "
                    + dtype.textValue() + Arrays.toString(shape));
        }
        if (bytes > Integer.MAX_VALUE - 8) throw malformed(file, where + " is over 2 GB, more than this reader holds");
        return new Entry(name, dtype.textValue(), shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers (of the given length, or any length if negative). */
    private static long[] longs(Path file, String what, JsonNode node, int length) throws IOException {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw malformed(file, what + " is " + node + ", not an array of " + (length >= 0 ? length + " " : "") + "integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw malformed(file, what + " holds " + v + ", not a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The tensors must tile the data exactly: no gap, no overlap, nothing after the last (as the reference reader demands). */
    private static void checkCoverage(Path file, List<Entry> entries, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw malformed(file, "tensor '" + e.name + "' starts at data byte " + e.begin + ", expected " + expected
                        + " (gap or overlap between tensors)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw malformed(file, "the header describes " + expected + " data bytes but the file holds " + dataLength
                    + (expected > dataLength ? " (truncated)" : " (trailing bytes)"));
        }
    }

    private static ByteBuffer bytes(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(file + ": ended at byte " + (position + buffer.position()) + " while being read");
            }
        }
        return buffer.flip();
    }

    private static IOException malformed(Path file, String problem) {
        return new IOException(file + ": not a valid safetensors file: " + problem);
    }
}

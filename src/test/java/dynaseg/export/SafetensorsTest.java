package dynaseg.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.PythonPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors writer and reader against the format's description and an independent reader in Python. */
@Tag("slow")
class SafetensorsTest {
    @TempDir
    Path dir;

    private static final Map<String, String> METADATA = Map.of("format", "pt", "note", "Größe µm ✓");

    /** Tensors that exercise the corners: a strided view, a scalar, an empty tensor, other dtypes, a non-ASCII name. */
    private static Map<String, NDArray> sample(NDManager m) {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("conv.weight", m.arange(24f).reshape(2, 3, 4));
        t.put("transposed", m.arange(6f).reshape(2, 3).transpose()); // a view: must be written in its logical order
        t.put("norm.num_batches_tracked", m.create(7L));
        t.put("empty", m.zeros(new Shape(0, 4)));
        t.put("doubles", m.create(new double[] {0.5, -1e300, Double.NaN}));
        t.put("ints", m.create(new int[] {-3, 2, 1}));
        t.put("größe", m.create(new float[] {1.5f, -2.25f, 3f}));
        return t;
    }

    @Test
    void roundTripKeepsOrderShapesValuesAndMetadata() throws IOException {
        Path file = dir.resolve("a.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> in = sample(m);
            Safetensors.write(file, in, METADATA);
            Safetensors.Contents out = Safetensors.read(file);
            assertEquals(List.copyOf(in.keySet()), List.copyOf(out.tensors().keySet()));
            assertEquals(METADATA, out.metadata());
            for (Map.Entry<String, NDArray> e : in.entrySet()) {
                Safetensors.Tensor t = out.tensors().get(e.getKey());
                assertArrayEquals(e.getValue().getShape().getShape(), t.shape(), e.getKey());
                assertArrayEquals(e.getValue().toByteArray(), t.data(), e.getKey());
            }
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, out.tensors().get("transposed").toFloats());
            assertArrayEquals(new long[] {7}, out.tensors().get("norm.num_batches_tracked").toLongs());
            assertEquals("I64", out.tensors().get("norm.num_batches_tracked").dtype());
            assertEquals(0, out.tensors().get("norm.num_batches_tracked").shape().length);
            assertEquals("F64", out.tensors().get("doubles").dtype());
            assertEquals("I32", out.tensors().get("ints").dtype());
            assertEquals(0, out.tensors().get("empty").data().length);
        }
    }

    @Test
    void headerIsPaddedToEightBytesAndTheDataFollowsInHeaderOrderWithoutGaps() throws IOException {
        Path file = dir.resolve("b.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Safetensors.write(file, sample(m), METADATA);
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"), header);
        assertTrue(header.stripTrailing().endsWith("}") && header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '),
                "padding must be spaces: [" + header + "]");
        JsonNode json = new ObjectMapper().readTree(header);
        long end = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            assertEquals(end, e.getValue().get("data_offsets").get(0).asLong(), e.getKey());
            end = e.getValue().get("data_offsets").get(1).asLong();
        }
        assertEquals(bytes.length, 8 + n + end);
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Safetensors.write(file, sample(m), METADATA);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        Files.write(file, java.util.Arrays.copyOf(bytes, 40)); // cut inside the header
        e = assertThrows(IOException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("runs past the end"), e.getMessage());

        Files.write(file, new byte[] {1, 2, 3});
        e = assertThrows(IOException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("8-byte"), e.getMessage());
    }

    @Test
    void aBadHeaderLengthIsAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("len.safetensors");
        for (long length : new long[] {-1L, 1L << 40}) { // -1: 2^64 - 1 as the format's unsigned length
            Files.write(file, withLength(length, "{}"));
            IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("limit"), e.getMessage());
        }
    }

    @Test
    void malformedHeadersAreErrorsSayingWhatIsWrong() throws IOException {
        String f32x2 = "\"dtype\":\"F32\",\"shape\":[2]";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[1, 2]", "does not start with '{'");
        cases.put("{\"a\": ", "not valid JSON");
        cases.put("{\"a\":{" + f32x2 + ",\"data_offsets\":[0,8]},\"a\":{" + f32x2 + ",\"data_offsets\":[8,16]}}", "not valid JSON"); // duplicate
        cases.put("{\"a\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", "dtype");
        cases.put("{\"a\":{" + f32x2 + ",\"data_offsets\":[0,12]}}", "do not hold 8 bytes");
        cases.put("{\"a\":{" + f32x2 + ",\"data_offsets\":[8,16]}}", "gap or overlap");
        cases.put("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "non-negative");
        cases.put("{\"__metadata__\":{\"k\":1},\"a\":{" + f32x2 + ",\"data_offsets\":[0,8]}}", "not a string");
        Path file = dir.resolve("bad.safetensors");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] header = c.getKey().getBytes(StandardCharsets.UTF_8);
            Files.write(file, concat(withLength(header.length, c.getKey()), new byte[8]));
            IOException e = assertThrows(IOException.class, () -> Safetensors.read(file), c.getKey());
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        Files.writeString(file, "old");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> reserved = Map.of("__metadata__", m.zeros(new Shape(1)));
            assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, reserved, Map.of()));
            Map<String, NDArray> unnamed = Map.of("", m.zeros(new Shape(1)));
            assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, unnamed, Map.of()));
        }
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /**
     * An independent reader, written from the format's description in Python (struct + json +
     * numpy), accepts the file, finds the header padded with spaces to 8 bytes and the tensors
     * packed in header order, and reads the same values; so does bench/torch_from_safetensors.py's
     * reader, and Hugging Face's safetensors package where it is installed.
     */
    @Test
    void pythonReadsTheFileAsTheFormatDescribes() throws IOException {
        PythonPeer.require("numpy", "torch");
        Path file = dir.resolve("py.safetensors");
        Map<String, double[]> expected = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = sample(m);
            Safetensors.write(file, tensors, METADATA);
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) expected.put(e.getKey(), e.getValue().toType(DataType.FLOAT64, false).toDoubleArray());
        }
        String script = String.join("\n",
                "import json, struct, sys, numpy as np",
                "sys.path.insert(0, sys.argv[2])",
                "data = open(sys.argv[1], 'rb').read()",
                "(n,) = struct.unpack('<Q', data[:8])",
                "text = data[8:8 + n].decode('utf-8')",
                "assert text[0] == '{' and (8 + n) % 8 == 0 and set(text[len(text.rstrip(' ')):]) <= {' '}, repr(text)",
                "header = json.loads(text)",
                "meta = header.pop('__metadata__')",
                "assert all(isinstance(v, str) for v in meta.values())",
                "types = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'I32': '<i4'}",
                "end, values = 0, {}",
                "for name, t in header.items():",
                "    assert set(t) == {'dtype', 'shape', 'data_offsets'}, t",
                "    b, e = t['data_offsets']",
                "    dtype = np.dtype(types[t['dtype']])",
                "    assert b == end and e - b == dtype.itemsize * int(np.prod(t['shape'])), (name, t)",
                "    a = np.frombuffer(data[8 + n + b:8 + n + e], dtype=dtype)",
                "    values[name] = dict(shape=t['shape'], values=[None if v != v else v for v in a.astype(float).tolist()])",
                "    end = e",
                "assert 8 + n + end == len(data)",
                "import torch_from_safetensors as loader",
                "tensors, meta2 = loader.read_safetensors(sys.argv[1])",
                "assert meta2 == meta and list(tensors) == list(values)",
                "for name, t in tensors.items():",
                "    assert list(t.shape) == values[name]['shape'] and np.array_equal(t.double().numpy().ravel(), np.array(values[name]['values'], dtype=float), equal_nan=True), name",
                "try:",
                "    from safetensors.numpy import load_file",
                "    reference = load_file(sys.argv[1])",
                "    assert all(np.array_equal(reference[k].astype(float), tensors[k].double().numpy(), equal_nan=True) for k in values)",
                "except ImportError:",
                "    pass",
                "print(json.dumps(dict(metadata=meta, tensors=values)))");
        JsonNode py = new ObjectMapper().readTree(PythonPeer.run(script, file.toString(), Path.of("bench").toAbsolutePath().toString()));
        assertEquals(METADATA, new ObjectMapper().convertValue(py.get("metadata"), Map.class));
        assertEquals(List.copyOf(expected.keySet()), names(py.get("tensors")));
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            JsonNode values = py.get("tensors").get(e.getKey()).get("values");
            assertEquals(e.getValue().length, values.size(), e.getKey());
            for (int i = 0; i < values.size(); i++) {
                double value = e.getValue()[i];
                if (Double.isNaN(value)) {
                    assertTrue(values.get(i).isNull(), e.getKey());
                } else {
                    assertEquals(value, values.get(i).asDouble(), e.getKey() + "[" + i + "]");
                }
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] withLength(long length, String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array(), h);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

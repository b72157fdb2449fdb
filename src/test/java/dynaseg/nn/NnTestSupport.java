package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small helpers for the nn tests: seeded random arrays, forward passes, raw float files for Python peers. */
final class NnTestSupport {
    private NnTestSupport() {}

    static float[] randomFloats(long n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    static NDArray random(NDManager m, Shape shape, long seed) {
        return m.create(randomFloats(shape.size(), seed), shape);
    }

    static NDArray forward(Block block, NDManager m, NDArray x, boolean training) {
        return block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    static void initialize(Block block, NDManager m, Shape input) {
        block.initialize(m, DataType.FLOAT32, input);
    }

    /** Writes float32 little-endian to a temp file (for numpy.fromfile). */
    static Path writeFloats(float[] a) {
        try {
            Path p = Files.createTempFile("dynaseg-nn", ".f32");
            ByteBuffer bb = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(a);
            Files.write(p, bb.array());
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] readFloats(Path p) {
        try {
            ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            float[] a = new float[bb.remaining() / 4];
            bb.asFloatBuffer().get(a);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new AssertionError("length " + a.length + " != " + b.length);
        float m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** The parameter array whose hierarchical name ends with the given suffix (DJL prefixes child numbers). */
    static NDArray param(Block block, String suffix) {
        for (var pair : block.getParameters()) {
            if (pair.getKey().endsWith(suffix)) return pair.getValue().getArray();
        }
        throw new AssertionError("no parameter *" + suffix + " in " + block.getParameters().keys());
    }
}

package dynaseg.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.infer.SlidingWindowInference;
import dynaseg.infer.WindowGrid;
import dynaseg.nn.Networks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sliding-window inference of a whole volume ({@link SlidingWindowInference}: overlap 0.5, windows
 * in batches of 2, Gaussian blending, softmax at the end, no mirroring) with each randomly
 * initialised {@code cpu} network (14 classes, 64^3 windows) on a random volume in [0, 1], against
 * the same algorithm and networks in PyTorch eager ({@code bench/torch_infer.py}) with the same
 * thread count, one after the other in the same run. Each figure is the median time of a whole
 * volume, after one warm-up window batch.
 */
public final class InferenceBenchmark {
    public static final int CLASSES = 14;
    public static final double OVERLAP = 0.5;
    public static final int WINDOW_BATCH = 2;
    /** The volume: 256 x 256 x 128 voxels, as {z, y, x}. */
    public static final int[] DEFAULT_DIMS = {128, 256, 256};

    private InferenceBenchmark() {}

    /** All three networks. */
    public static List<String> defaultModels() {
        return List.of("unet3d", "unetr", "lambda3d");
    }

    /**
     * @param dims    volume size {z, y, x}
     * @param models  network names ({@link Networks#MODELS}), cpu presets
     * @param repeats whole-volume inferences per figure (median)
     * @param threads the peer's thread count; ours is the engine's (-Dai.djl.pytorch.num_threads)
     */
    public static List<BenchResult> run(int[] dims, List<String> models, int repeats, int threads) {
        if (dims.length != 3 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("dims must be 3 positive sizes {z, y, x}: " + Arrays.toString(dims));
        }
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1");
        float[] volume = randomVolume(dims, 42);
        List<BenchResult> results = new ArrayList<>();
        for (String model : models) {
            int patch = Networks.defaultPatch(model, "cpu");
            int[] p = {patch, patch, patch};
            int windows = WindowGrid.origins(padded(dims, p), p, OVERLAP).size();
            double ours = measure(model, patch, volume, dims, repeats);
            JsonNode peer = new PeerScript("torch_infer.py").run("--model", model, "--dims", joined(dims),
                    "--classes", Integer.toString(CLASSES), "--overlap", Double.toString(OVERLAP),
                    "--window-batch", Integer.toString(WINDOW_BATCH), "--threads", Integer.toString(threads),
                    "--repeats", Integer.toString(repeats));
            double peerMs = peer == null ? Double.NaN : peer.get("infer_ms_median").asDouble();
            String name = String.format(Locale.ROOT, "sliding window %s cpu %dx%dx%d (x,y,z), %d windows of %d^3",
                    model, dims[2], dims[1], dims[0], windows, patch);
            results.add(new BenchResult("infer", name, ours, peerMs, "ms"));
        }
        return results;
    }

    /** Median milliseconds of a whole-volume inference with one randomly initialised network. */
    static double measure(String model, int patch, float[] volume, int[] dims, int repeats) {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Networks.create(model, "cpu", 1, CLASSES, null, patch);
            Networks.initialize(net, manager, 1, patch);
            ParameterStore ps = new ParameterStore(manager, false);
            SlidingWindowInference inference = SlidingWindowInference.builder().setPatch(patch).optOverlap(OVERLAP)
                    .optWindowBatch(WINDOW_BATCH).build();
            try (NDManager warm = manager.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                net.forward(ps, new NDList(warm.randomUniform(0, 1, new Shape(WINDOW_BATCH, 1, patch, patch, patch))), false)
                        .singletonOrThrow().toFloatArray();
            }
            double[] ms = new double[repeats];
            long checksum = 0;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                SlidingWindowInference.Prediction p = inference.predict(manager, volume, dims,
                        x -> net.forward(ps, new NDList(x), false).singletonOrThrow());
                ms[i] = (System.nanoTime() - t0) / 1e6;
                checksum += Float.floatToRawIntBits(p.channel(0)[0]);
            }
            if (checksum == 42) System.out.print(""); // keep the results alive
            Arrays.sort(ms);
            return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
        }
    }

    private static int[] padded(int[] dims, int[] patch) {
        return new int[] {Math.max(dims[0], patch[0]), Math.max(dims[1], patch[1]), Math.max(dims[2], patch[2])};
    }

    private static float[] randomVolume(int[] dims, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[Math.multiplyExact(Math.multiplyExact(dims[0], dims[1]), dims[2])];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
        return v;
    }

    private static String joined(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
    }

    /** A quick manual run: java ... dynaseg.bench.InferenceBenchmark [Z,Y,X] [REPEATS] [MODEL,...]. */
    public static void main(String[] args) {
        int[] dims = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : DEFAULT_DIMS;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> models = args.length > 2 ? List.of(args[2].split(",")) : defaultModels();
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        for (BenchResult r : run(dims, models, repeats, threads)) {
            System.out.printf(Locale.ROOT, "%-6s %-64s ours %10.1f %s  torch %10.1f %s  ratio %.2f%n", r.group(), r.name(),
                    r.ours(), r.unit(), r.peer(), r.unit(), r.ratio());
        }
    }
}

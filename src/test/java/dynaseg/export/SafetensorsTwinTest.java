package dynaseg.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dynaseg.nn.Networks;
import dynaseg.testutil.Npy;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A network written by {@link Safetensors} under {@link TorchTwins}' names, loaded into its
 * PyTorch twin by bench/torch_from_safetensors.py (strict: every twin parameter filled, nothing
 * left over, the same shapes), gives the same logits as dynaseg on the same input, in inference
 * mode. The norms' scales, shifts and running statistics are randomised too, so that a swapped or
 * misplaced one shows.
 */
@Tag("slow")
class SafetensorsTwinTest {
    private static final float TOLERANCE = 1e-4f;

    @TempDir
    Path dir;

    /**
     * Small versions: unet3d with three levels (so that the order of the up-sampling path matters) and two
     * input channels; unetr with a 2^3 token grid;
     * lambda3d with a 5^3 grid, wider than the position lambdas' reach (r = 7: offsets up to 3),
     * so that the band's edge matters. A batch of two checks that nothing mixes samples.
     */
    @ParameterizedTest
    @CsvSource({"unet3d, 2, 3, 16", "unetr, 1, 4, 32", "lambda3d, 1, 3, 40"})
    void theTwinComputesTheSameLogits(String model, int inChannels, int classes, int patch) throws Exception {
        PythonPeer.require("torch", "numpy");
        int[] unetChannels = {4, 8, 16};
        Path weights = dir.resolve(model + ".safetensors");
        Path input = dir.resolve("x.npy");
        Path output = dir.resolve("logits.npy");
        Shape inputShape = new Shape(2, inChannels, patch, patch, patch);
        float[] logits;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            Block net = Networks.create(model, "cpu", inChannels, classes, unetChannels, patch);
            Networks.initialize(net, m, inChannels, patch);
            randomiseNorms(net, new Random(12));
            Safetensors.write(weights, TorchTwins.stateDict(model, net),
                    TorchTwins.metadata(model, "cpu", inChannels, classes, unetChannels, patch));
            float[] x = gaussian(inputShape.size(), new Random(13));
            Npy.write(input, x, inputShape.getShape());
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.create(x, inputShape)), false).singletonOrThrow();
            logits = y.toFloatArray();
        }
        PythonPeer.runScript(Path.of("bench", "torch_from_safetensors.py").toAbsolutePath(), "--model", model,
                "--weights", weights.toString(), "--input", input.toString(), "--output", output.toString(), "--threads", "2");
        Npy.Array torch = Npy.read(output);
        assertArrayEquals(new long[] {2, classes, patch, patch, patch}, torch.shape());
        float maxDiff = 0;
        float maxAbs = 0;
        for (int i = 0; i < logits.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(logits[i] - torch.data()[i]));
            maxAbs = Math.max(maxAbs, Math.abs(logits[i]));
        }
        System.out.printf("%s: max |logit| %.3f, max |dynaseg - torch| %.3g%n", model, maxAbs, maxDiff);
        assertTrue(maxDiff <= TOLERANCE, model + ": logits differ by up to " + maxDiff + " (largest logit " + maxAbs + ")");
    }

    /** The loader is strict: a weight missing from the file, or an option that contradicts the metadata, is an error. */
    @Test
    void theLoaderRefusesMissingWeightsAndContradictingSettings() throws Exception {
        PythonPeer.require("torch", "numpy");
        Path complete = dir.resolve("complete.safetensors");
        Path partial = dir.resolve("partial.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = Networks.create("unet3d", "cpu", 1, 2, new int[] {2, 4}, 8);
            Networks.initialize(net, m, 1, 8);
            Map<String, NDArray> tensors = TorchTwins.stateDict("unet3d", net);
            Map<String, String> metadata = TorchTwins.metadata("unet3d", "cpu", 1, 2, new int[] {2, 4}, 8);
            Safetensors.write(complete, tensors, metadata);
            tensors.remove("dec.0.4.bias");
            Safetensors.write(partial, tensors, metadata);
        }
        String out = PythonPeer.run(String.join("\n",
                "import sys",
                "sys.path.insert(0, sys.argv[1])",
                "import torch_from_safetensors as loader",
                "loader.load_twin(sys.argv[2], model='unet3d', classes=2)  # agreeing options are fine",
                "for path, options in [(sys.argv[3], {}), (sys.argv[2], {'classes': 5})]:",
                "    try:",
                "        loader.load_twin(path, **options)",
                "        print('loaded')",
                "    except (RuntimeError, ValueError) as e:",
                "        print(type(e).__name__, str(e).replace(chr(10), ' '))"),
                Path.of("bench").toAbsolutePath().toString(), complete.toString(), partial.toString());
        String[] lines = out.strip().split("\n");
        assertTrue(lines[0].startsWith("RuntimeError") && lines[0].contains("dec.0.4.bias"), lines[0]);
        assertTrue(lines[1].startsWith("ValueError") && lines[1].contains("contradicts") && lines[1].contains("classes=2"), lines[1]);
    }

    @Test
    void aNetworkOfAnotherModelOrNotInitialisedIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block unetr = Networks.create("unetr", "cpu", 1, 2, null, 16);
            IllegalStateException notInitialised = assertThrows(IllegalStateException.class, () -> TorchTwins.stateDict("unetr", unetr));
            assertTrue(notInitialised.getMessage().contains("not initialised"), notInitialised.getMessage());
            Networks.initialize(unetr, m, 1, 16);
            assertThrows(IllegalArgumentException.class, () -> TorchTwins.stateDict("lambda3d", unetr));
            assertThrows(IllegalArgumentException.class, () -> TorchTwins.stateDict("unet3d", unetr));
            assertThrows(IllegalArgumentException.class, () -> TorchTwins.stateDict("vnet", unetr));
        }
    }

    @Test
    void metadataHoldsWhatTheLoaderRebuildsTheTwinFrom() {
        assertEquals(Map.of("format", "pt", "producer", "dynaseg", "model", "unet3d", "preset", "cpu", "in_channels", "1",
                        "classes", "14", "patch", "64", "unet_channels", "8,16,32,64"),
                TorchTwins.metadata("unet3d", "cpu", 1, 14, null, 64));
        assertEquals(null, TorchTwins.metadata("unetr", "paper", 1, 14, new int[] {4, 8}, 96).get("unet_channels"));
    }

    /** Norm scales around 1, shifts and running means around 0, running variances in [0.5, 1.5]. */
    private static void randomiseNorms(Block net, Random random) {
        for (Pair<String, Parameter> pair : net.getParameters()) {
            NDArray a = pair.getValue().getArray();
            float[] v = gaussian(a.size(), random);
            switch (pair.getValue().getType()) {
                case GAMMA:
                    for (int i = 0; i < v.length; i++) v[i] = 1 + 0.3f * v[i];
                    break;
                case BETA:
                case BIAS:
                case RUNNING_MEAN:
                    for (int i = 0; i < v.length; i++) v[i] = 0.2f * v[i];
                    break;
                case RUNNING_VAR:
                    for (int i = 0; i < v.length; i++) v[i] = 0.5f + random.nextFloat();
                    break;
                default:
                    continue; // weights keep their seeded initialisation
            }
            a.set(v);
        }
    }

    private static float[] gaussian(long n, Random random) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return v;
    }
}

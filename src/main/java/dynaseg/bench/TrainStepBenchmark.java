package dynaseg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.nn.Networks;
import dynaseg.train.ModelProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step (forward, backward, AdamW; batch 1, 14 classes, the preset's patch) of each
 * {@code cpu} network and of UNet3D with channels 16,32,64,128 on a 64^3 patch, against the same
 * network in PyTorch eager ({@code bench/torch_unet3d.py}, {@code bench/torch_unetr.py}) with the
 * same thread count, measured one after the other in the same process run.
 */
public final class TrainStepBenchmark {
    private static final int CLASSES = 14;

    private TrainStepBenchmark() {}

    /** A network setting to measure: model, preset and (UNet3D only) channels; null channels = the preset's. */
    public record Case(String model, String preset, int[] channels) {
        String label() {
            return model + " " + preset + (channels == null ? "" : " " + joined(channels));
        }
    }

    /** The settings of the issue: every cpu preset, and UNet3D 16,32,64,128. */
    public static List<Case> defaultCases() {
        return List.of(
                new Case("unet3d", "cpu", null),
                new Case("unet3d", "cpu", new int[] {16, 32, 64, 128}),
                new Case("unetr", "cpu", null),
                new Case("lambda3d", "cpu", null));
    }

    public static List<BenchResult> run(List<Case> cases, int repeats, int threads) {
        List<BenchResult> results = new ArrayList<>();
        for (Case c : cases) {
            ModelProfile ours = ModelProfile.measure(c.model(), c.preset(), CLASSES, c.channels(), repeats, true);
            JsonNode peer = peer(c, ours.patch(), repeats, threads);
            double peerMs = peer == null ? Double.NaN : peer.get("step_ms_median").asDouble();
            results.add(new BenchResult("train", "step " + c.label() + " " + ours.patch() + "^3", ours.stepMs(), peerMs, "ms"));
        }
        return results;
    }

    private static JsonNode peer(Case c, int patch, int repeats, int threads) {
        List<String> args = new ArrayList<>(List.of("--size", Integer.toString(patch), "--classes", Integer.toString(CLASSES),
                "--threads", Integer.toString(threads), "--steps", Integer.toString(repeats), "--warmup", "1"));
        if (c.model().equals("unet3d")) {
            int[] ch = c.channels() != null ? c.channels() : Networks.defaultUnetChannels(c.preset());
            args.addAll(List.of("--channels", joined(ch)));
            return new PeerScript("torch_unet3d.py").run(args.toArray(String[]::new));
        }
        args.addAll(List.of("--model", c.model(), "--preset", c.preset()));
        return new PeerScript("torch_unetr.py").run(args.toArray(String[]::new));
    }

    private static String joined(int[] channels) {
        return java.util.Arrays.stream(channels).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
    }
}

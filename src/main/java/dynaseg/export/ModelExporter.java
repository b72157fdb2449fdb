package dynaseg.export;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.eval.TestScores;
import dynaseg.nn.Networks;
import dynaseg.run.Checkpoints;
import dynaseg.run.MetricsLog;
import dynaseg.run.NetworkFactory;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dynaseg export}: one checkpoint of a run folder as a {@link ModelArchive}, with the
 * manifest filled from the run (config, the checkpoint's training state, the last state for the
 * epochs trained, the held-out test scores when the run has them).
 */
public final class ModelExporter {
    private ModelExporter() {}

    /** What was written. */
    public record Result(Path file, ModelManifest manifest, long bytes) {}

    /**
     * Writes {@code out} (atomically) from {@code checkpoints/<checkpoint>} of the run in {@code runDir}.
     *
     * @param withTorchWeights also put the weights in safetensors format under the PyTorch twins' names
     */
    public static Result export(Path runDir, String checkpoint, Path out, boolean withTorchWeights) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        RunConfig config = run.readConfig("is not a training run folder");
        NetworkFactory.checkPatch(config);
        Path dir = run.readableCheckpoint(checkpoint);
        Path weights = dir.resolve(Checkpoints.MODEL);
        List<String> classNames = Checkpoints.classNames(config, dir);
        ModelManifest manifest = manifest(run, config, checkpoint, dir, classNames);
        Path torch = null;
        ModelManifest written;
        try {
            if (withTorchWeights) torch = torchWeights(config, classNames.size(), weights, out);
            written = ModelArchive.write(out, manifest, config.toYaml(), weights, torch);
        } finally {
            if (torch != null) Files.deleteIfExists(torch);
        }
        return new Result(out, written, Files.size(out));
    }

    static ModelManifest manifest(RunDirectory run, RunConfig config, String checkpoint, Path dir, List<String> classNames)
            throws IOException {
        Path statePath = dir.resolve(TrainingState.FILE_NAME);
        TrainingState state = Files.isRegularFile(statePath) ? TrainingState.read(statePath) : null;
        Path lastState = run.lastCheckpoint().resolve(TrainingState.FILE_NAME);
        int epochsTrained = Files.isRegularFile(lastState) ? TrainingState.read(lastState).epoch()
                : state == null ? 0 : state.epoch();
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) labels.put(classNames.get(i), i);
        List<Integer> channels = Networks.UNET3D.equals(config.getModel())
                ? Arrays.stream(NetworkFactory.unetChannels(config)).boxed().toList() : null;
        TestScores test = TestScores.readIfPresent(run);
        Double testMean = null;
        if (test != null) {
            double[] means = test.organs().stream().mapToDouble(test::organMean).toArray();
            testMean = finiteOrNull(MetricsLog.nanMean(means));
        }
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("tau", config.getTau());
        schedule.put("delta", config.getDelta());
        schedule.put("epsilon", config.getEpsilon());
        schedule.put("zeta", config.getZeta());
        schedule.put("low", config.getLow());
        schedule.put("cap", config.getCap());
        schedule.put("ema", config.getEma());
        schedule.put("initial_score", config.getInitialScore());
        return new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, version(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                new ModelManifest.Source(run.root().toAbsolutePath().normalize().toString(), checkpoint,
                        state == null ? 0 : state.epoch()),
                new ModelManifest.Network(config.getModel(), config.getPreset(), channels, 1, classNames.size(), config.getPatch()),
                new ModelManifest.Preprocessing("RAS", config.getTargetSpacing(), config.getHuWindow()),
                labels,
                new ModelManifest.Training(config.getStrategy(), config.getLoss(), config.getSeed(), epochsTrained,
                        state == null ? 0 : state.bestEpoch(), state == null ? null : finiteOrNull(state.bestDiceMean()),
                        testMean, test == null ? 0 : test.cases().size(), schedule),
                Map.of());
    }

    /** The checkpoint's weights as safetensors under the PyTorch twins' names, in a temporary file beside {@code out}. */
    private static Path torchWeights(RunConfig config, int classes, Path weights, Path out) throws IOException {
        Path tmp = dynaseg.io.TempFiles.siblingOf(out.toAbsolutePath().resolveSibling(out.getFileName() + ".safetensors"));
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Block net = NetworkFactory.create(config, classes);
            NetworkFactory.initialize(net, manager, config);
            Networks.load(net, weights, manager);
            Safetensors.write(tmp, TorchTwins.stateDict(config.getModel(), net), TorchTwins.metadata(config.getModel(),
                    config.getPreset(), 1, classes, NetworkFactory.unetChannels(config), config.getPatch()[0]));
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** dynaseg's version from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = ModelExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package dynaseg.infer;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.nn.Networks;
import dynaseg.run.Checkpoints;
import dynaseg.run.NetworkFactory;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Run folders for prediction tests: a config and a checkpoint of a randomly initialised tiny network. */
public final class PredictRuns {
    public static final List<String> ORGANS = List.of("spleen", "right_kidney", "liver");

    private PredictRuns() {}

    /** UNet3D (4, 8), patch 16, 3 organs, target spacing 2 mm, HU window [-200, 300]. */
    public static RunConfig tinyConfig() {
        RunConfig c = new RunConfig();
        c.setOrgans(ORGANS);
        c.setUnetChannels(List.of(4, 8));
        c.setPatch(new int[] {16});
        c.setBatch(2);
        c.setTargetSpacing(new double[] {2.0, 2.0, 2.0});
        c.setHuWindow(new double[] {-200, 300});
        return c;
    }

    /** Writes {@code config} and a random network into {@code checkpoints/<checkpoint>/} of {@code dir}. */
    public static Path randomRun(Path dir, RunConfig config, String checkpoint) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        config.write(run.config());
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = NetworkFactory.create(config, config.getOrgans().size() + 1);
            NetworkFactory.initialize(net, m, config);
            run.writeCheckpoint(checkpoint, d -> Networks.save(net, d.resolve(Checkpoints.MODEL)));
        }
        return dir;
    }
}

package dynaseg.train;

import dynaseg.data.synth.PhantomGenerator;
import dynaseg.data.synth.SyntheticDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny phantom datasets and run configs for training tests (seconds per run on 2 cores). */
final class TinyRuns {
    static final double[] SPACING = {3.0, 3.0, 3.0};
    static final int SIZE = 24;

    private TinyRuns() {}

    /** {@code cases} phantoms of 24^3 at 3 mm in the MSD layout under {@code dir}. */
    static Path dataset(Path dir, int cases) throws IOException {
        if (!Files.isRegularFile(dir.resolve("dataset.json"))) {
            new SyntheticDatasetWriter(new PhantomGenerator(SIZE, SPACING, 5), 2).write(dir, cases, "tiny", n -> {});
        }
        return dir;
    }

    /** UNet3D (4, 8), patch 16, batch 1, 2 iterations x {@code epochs}, target spacing = the phantoms' (no resampling). */
    static RunConfig config(Path data, Path cache, int epochs) {
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of(data.toString()));
        c.setCacheDir(cache.toString());
        c.setTargetSpacing(SPACING);
        c.setUnetChannels(List.of(4, 8));
        c.setPatch(new int[] {16});
        c.setBatch(1);
        c.setIterationsPerEpoch(2);
        c.setEpochs(epochs);
        c.setLr(1e-2);
        c.setValOverlap(0.25);
        return c;
    }
}

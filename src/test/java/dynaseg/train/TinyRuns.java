package dynaseg.train;

import ai.djl.ndarray.NDArray;
import dynaseg.loss.Losses;
import dynaseg.loss.SegmentationLoss;
import java.util.function.BinaryOperator;
import java.util.function.IntPredicate;

import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dynaseg.run.RunConfig;

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

    /** The Dice loss, with {@code alter(loss, logits)} in place of the loss at the calls (0-based) that {@code at} accepts. */
    static SegmentationLoss diceAlteredAt(IntPredicate at, BinaryOperator<NDArray> alter) {
        SegmentationLoss dice = Losses.create("dice", true);
        int[] calls = {0};
        return new SegmentationLoss() {
            @Override
            public NDArray compute(NDArray logits, NDArray target, float[] w) {
                NDArray l = dice.compute(logits, target, w);
                return at.test(calls[0]++) ? alter.apply(l, logits) : l;
            }

            @Override
            public String name() { return "dice"; }

            @Override
            public boolean includeBackground() { return true; }
        };
    }
}

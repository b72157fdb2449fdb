package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import dynaseg.loss.SegmentationLoss;
import dynaseg.loss.WeightedDiceLoss;
import dynaseg.testutil.NativeMemoryChurn;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;

/**
 * The same seed and thread count give the same metrics.csv (times aside), for UNETR too, even
 * when the garbage collector frees and reuses native memory between every forward and backward
 * pass: the case that once made UNETR runs drift (gradients through constants read freed memory,
 * see dynaseg.nn.Scalars).
 */
@Tag("slow")
class DeterminismTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    @Test
    void unetrRunsRepeatExactlyWhateverTheGarbageCollectorDoes() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 2);
        config.setModel("unetr");
        config.setPatch(new int[] {32});
        config.setIterationsPerEpoch(3);
        config.setLr(2e-3);

        Trainer.start(config, tmp.resolve("plain"), QUIET).run();
        Trainer churned = Trainer.start(config, tmp.resolve("churned"), QUIET);
        churned.setLoss(new ChurnAfterForward(new WeightedDiceLoss(config.isIncludeBackground())));
        churned.run();

        assertEquals(ResumeTest.withoutSeconds(new RunDirectory(tmp.resolve("plain")).metrics()),
                ResumeTest.withoutSeconds(new RunDirectory(tmp.resolve("churned")).metrics()));
    }

    /** The loss, then a collection and reuse of native memory before the trainer's backward pass. */
    private record ChurnAfterForward(SegmentationLoss loss) implements SegmentationLoss {
        @Override
        public NDArray compute(NDArray logits, NDArray target, float[] channelWeights) {
            NDArray value = loss.compute(logits, target, channelWeights);
            NativeMemoryChurn.run();
            return value;
        }

        @Override
        public String name() { return loss.name(); }

        @Override
        public boolean includeBackground() { return loss.includeBackground(); }
    }
}

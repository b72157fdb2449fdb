package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.loss.SegmentationLoss;
import dynaseg.testutil.StopAfterEpoch;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import dynaseg.run.EventLog;

@Tag("slow")
class NonFiniteTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    @Test
    void guardStopsAfterFiveInARow() {
        NonFiniteGuard g = new NonFiniteGuard();
        g.startEpoch(100, 7);
        for (int i = 1; i <= 4; i++) g.nonFinite(1, i);
        g.finite();
        for (int i = 6; i <= 9; i++) g.nonFinite(1, i);
        assertEquals(15, g.total());
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, () -> g.nonFinite(1, 10));
        assertTrue(e.getMessage().contains("5 consecutive"), e.getMessage());
    }

    @Test
    void guardStopsWhenMoreThanAQuarterOfAnEpochFails() {
        NonFiniteGuard g = new NonFiniteGuard();
        g.startEpoch(12, 0);
        for (int i = 0; i < 3; i++) { // 3 of 12 = 25 %: still allowed
            g.nonFinite(2, 2 * i + 1);
            g.finite();
        }
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, () -> g.nonFinite(2, 9));
        assertTrue(e.getMessage().contains("4 of 12 steps of epoch 2"), e.getMessage());
    }

    /** The Dice loss, but NaN at the calls listed (0-based) or at every call. */
    private static SegmentationLoss nanAt(Set<Integer> calls, boolean always) {
        return TinyRuns.diceAlteredAt(k -> always || calls.contains(k), (l, logits) -> l.mul(Float.NaN));
    }

    @Test
    void aNonFiniteStepIsSkippedAndCountedAndRepeatedOnesStopTheRunKeepingTheCheckpoint() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 2);
        config.setIterationsPerEpoch(4);
        Path runDir = tmp.resolve("run");
        Trainer trainer = Trainer.start(config, runDir, QUIET);
        trainer.setLoss(nanAt(Set.of(1), false));
        trainer.addEpochListener(new StopAfterEpoch(1));
        TrainingState one = trainer.run();
        assertEquals(1, one.nonFiniteSteps());
        assertTrue(Double.isFinite(one.lastRow().trainLoss()));

        Trainer again = Trainer.resume(runDir, null, QUIET);
        again.setLoss(nanAt(Set.of(), true));
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, again::run);
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        RunDirectory run = new RunDirectory(runDir);
        TrainingState kept = TrainingState.read(run.lastCheckpoint().resolve(TrainingState.FILE_NAME));
        assertEquals(1, kept.epoch());
        List<Map<String, Object>> events = new EventLog(run.events()).read();
        assertEquals(1 + 2, events.stream().filter(ev -> "nonfinite_loss".equals(ev.get("event"))).count());
        // both parts of the run trained with the test's loss, and the events say so
        assertEquals(2, events.stream().filter(ev -> "custom_loss".equals(ev.get("event"))).count());
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("end", last.get("event"));
        assertEquals("stopped", last.get("status"));
    }
}

package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.StopAfterEpoch;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import dynaseg.run.EventLog;

/**
 * A run interrupted after epoch 2 (and "killed" between its checkpoint and its metrics row, with
 * a half-written checkpoint directory left behind) and resumed gives the same metrics and
 * schedule state as the same run done in one go; a finished run can be extended.
 */
@Tag("slow")
class ResumeTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    @Test
    void anInterruptedRunResumesToTheSameMetricsAndScheduleState() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 3);
        config.setStrategy("pcf");
        config.setEpsilon(0.0); // trigger whenever the window maximum moves, so the state changes
        config.setDelta(1);

        Path whole = tmp.resolve("whole");
        TrainingState done = Trainer.start(config, whole, QUIET).run();
        assertEquals(3, done.epoch());

        Path broken = tmp.resolve("broken");
        Trainer first = Trainer.start(config, broken, QUIET);
        first.addEpochListener(new StopAfterEpoch(2));
        assertEquals(2, first.run().epoch());
        RunDirectory run = new RunDirectory(broken);
        // killed after the checkpoint of epoch 2 but before its metrics row, and while writing a checkpoint
        List<String> lines = new ArrayList<>(Files.readAllLines(run.metrics()));
        lines.remove(lines.size() - 1);
        Files.write(run.metrics(), lines);
        Files.createDirectories(run.checkpoints().resolve("last.tmp"));
        Files.writeString(run.checkpoints().resolve("last.tmp/model.params"), "half");

        TrainingState resumed = Trainer.resume(broken, null, QUIET).run();
        assertEquals(3, resumed.epoch());
        assertFalse(Files.exists(run.checkpoints().resolve("last.tmp")));
        assertEquals(withoutSeconds(new RunDirectory(whole).metrics()), withoutSeconds(run.metrics()));
        TrainingState a = TrainingState.read(new RunDirectory(whole).lastCheckpoint().resolve(TrainingState.FILE_NAME));
        TrainingState b = TrainingState.read(run.lastCheckpoint().resolve(TrainingState.FILE_NAME));
        assertEquals(a.schedule(), b.schedule());
        assertEquals(3, b.schedule().get("lastEpoch").asInt());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        assertEquals(a.iterations(), b.iterations());
        List<String> names = new EventLog(run.events()).read().stream().map(e -> (String) e.get("event")).toList();
        assertTrue(names.contains("resume") && names.contains("repair"), names.toString());
    }

    @Test
    void aFinishedRunIsExtendedWithMoreEpochs() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 1);
        config.setStrategy("cbs");
        Path runDir = tmp.resolve("run");
        TrainingState one = Trainer.start(config, runDir, QUIET).run();
        assertEquals(1, one.schedule().get("lastEpoch").asInt());
        TrainingState two = Trainer.resume(runDir, 2, QUIET).run();
        assertEquals(2, two.epoch());
        assertEquals(2, two.schedule().get("lastEpoch").asInt());
        List<String> lines = Files.readAllLines(new RunDirectory(runDir).metrics());
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,") && lines.get(2).startsWith("2,"), lines.toString());
        assertEquals(2, RunConfig.read(new RunDirectory(runDir).config()).getEpochs());
        long starts = new EventLog(new RunDirectory(runDir).events()).read().stream()
                .map(e -> e.get("event")).filter(e -> e.equals("start") || e.equals("resume")).count();
        assertEquals(2, starts);
    }

    /** metrics.csv without the seconds column (the only one that may differ between identical runs). */
    static List<String> withoutSeconds(Path metrics) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            String[] f = line.split(",", -1);
            f[3] = "";
            out.add(String.join(",", f));
        }
        return out;
    }

}

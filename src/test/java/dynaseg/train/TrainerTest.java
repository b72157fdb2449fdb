package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.Organ;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.Checkpoints;
import dynaseg.run.TrainingState;
import dynaseg.run.EventLog;

@Tag("slow")
class TrainerTest {
    @TempDir
    Path tmp;

    @Test
    void tinyRunWritesEveryFileOfTheRunDirectory() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 2);
        config.setStrategy("cbs");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path runDir = tmp.resolve("run");
        TrainingState state = Trainer.start(config, runDir, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        assertEquals(2, state.epoch());
        assertEquals(4, state.iterations());

        RunDirectory run = new RunDirectory(runDir);
        for (Path p : List.of(run.config(), run.metrics(), run.events(), run.dicePlot(), run.weightsPlot(),
                run.lastCheckpoint().resolve(Checkpoints.MODEL), run.lastCheckpoint().resolve(Checkpoints.OPTIMIZER),
                run.lastCheckpoint().resolve(TrainingState.FILE_NAME), run.bestCheckpoint().resolve(Checkpoints.MODEL))) {
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, "missing " + p);
        }
        List<String> lines = Files.readAllLines(run.metrics());
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("epoch,train_loss,lr,seconds,dice_spleen,"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",weight_" + Organ.values()[12].structureName() + ",dice_mean"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,") && lines.get(2).startsWith("2,"));

        RunConfig back = RunConfig.read(run.config());
        assertEquals(13, back.getOrgans().size());
        assertEquals("cbs", back.getStrategy());
        assertEquals(List.of(4, 8), back.getUnetChannels());

        List<Map<String, Object>> events = new EventLog(run.events()).read();
        List<String> names = events.stream().map(e -> (String) e.get("event")).toList();
        assertEquals("start", names.get(0));
        assertEquals("end", names.get(names.size() - 1));
        assertEquals(2, names.stream().filter("epoch_end"::equals).count());
        assertEquals(2, names.stream().filter("validation"::equals).count());

        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 2 validation"), text);
        assertTrue(text.contains("epoch 1/2"), text);
        assertEquals(state.bestEpoch(), TrainingState.read(run.bestCheckpoint().resolve(TrainingState.FILE_NAME)).epoch());
    }

    @Test
    void aNewRunRefusesAFolderThatHoldsARun() throws Exception {
        Path runDir = tmp.resolve("run");
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("config.yaml"), "epochs: 1\n");
        RunConfig config = TinyRuns.config(tmp.resolve("data"), tmp.resolve("cache"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.start(config, runDir, System.out));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertEquals("epochs: 1\n", Files.readString(runDir.resolve("config.yaml")));
    }

    @Test
    void aPatchThatDoesNotFitTheModelIsRefusedClearly() {
        RunConfig config = TinyRuns.config(tmp, tmp, 1);
        config.setPatch(new int[] {15});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.start(config, tmp.resolve("run"), System.out));
        assertTrue(e.getMessage().contains("multiple of 2"), e.getMessage());
        config.setModel("unetr");
        config.setPatch(new int[] {64, 64, 32});
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.start(config, tmp.resolve("run"), System.out));
        assertTrue(e.getMessage().contains("cubic patch"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("run")));
    }
}

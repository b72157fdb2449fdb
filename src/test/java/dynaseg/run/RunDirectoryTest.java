package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void layoutIsTheIssues() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        Path root = dir.resolve("run").toAbsolutePath();
        assertEquals(root.resolve("config.yaml"), run.config());
        assertEquals(root.resolve("metrics.csv"), run.metrics());
        assertEquals(root.resolve("events.jsonl"), run.events());
        assertEquals(root.resolve("checkpoints/last"), run.lastCheckpoint());
        assertEquals(root.resolve("checkpoints/best"), run.bestCheckpoint());
        assertEquals(root.resolve("plots/dice.png"), run.dicePlot());
        assertEquals(root.resolve("plots/weights.png"), run.weightsPlot());
        assertTrue(Files.isDirectory(run.checkpoints()) && Files.isDirectory(run.plots()));
        assertThrows(IllegalArgumentException.class, () -> run.checkpoint("../x"));
    }

    @Test
    void checkpointsBestCopyAndRecovery() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertFalse(run.hasRun());
        assertEquals(Optional.empty(), run.existingLastCheckpoint());
        new RunConfig().write(run.config());
        run.writeCheckpoint(RunDirectory.LAST, d -> Files.writeString(d.resolve("state.json"), "1"));
        run.copyLastToBest();
        run.writeCheckpoint(RunDirectory.LAST, d -> Files.writeString(d.resolve("state.json"), "2"));
        assertTrue(run.hasRun());
        assertEquals("1", Files.readString(run.bestCheckpoint().resolve("state.json")));

        // a kill between the renames of epoch 3's checkpoint, plus a torn metrics temp file
        Files.move(run.lastCheckpoint(), run.checkpoints().resolve("last.old"));
        Files.createDirectory(run.checkpoints().resolve("last.tmp"));
        Files.writeString(run.root().resolve(".metrics.csv.42.tmp"), "torn");
        assertTrue(run.hasRun());
        run.recover();
        assertEquals("2", Files.readString(run.existingLastCheckpoint().orElseThrow().resolve("state.json")));
        try (var s = Files.list(run.checkpoints())) {
            assertEquals(2, s.count(), "only last and best remain");
        }
        assertFalse(Files.exists(run.root().resolve(".metrics.csv.42.tmp")));
    }
}

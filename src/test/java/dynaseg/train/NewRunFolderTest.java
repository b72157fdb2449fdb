package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.EventLog;

class NewRunFolderTest {
    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What a start writes before its first epoch. */
    private static void writeStart(RunDirectory run) throws IOException {
        new RunConfig().write(run.config());
        new EventLog(run.events()).log("start", "epoch", 0);
    }

    @Test
    void discardRemovesEveryFolderTheAttemptCreated() throws IOException {
        RunDirectory run = new RunDirectory(tmp.resolve("runs/a/run"));
        NewRunFolder folder = NewRunFolder.create(run);
        writeStart(run);
        assertTrue(Files.isDirectory(run.checkpoints()));
        folder.discard();
        assertEquals(List.of(), names(tmp)); // runs/ was made by the attempt too
    }

    @Test
    void discardKeepsAFolderTheUserHadAndWhatItHeld() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        Files.createDirectories(mine.resolve("plots"));
        Files.writeString(mine.resolve("plots/sketch.png"), "mine too");
        RunDirectory run = new RunDirectory(mine);
        NewRunFolder folder = NewRunFolder.create(run);
        writeStart(run);
        folder.discard();
        assertEquals(List.of("notes.txt", "plots"), names(mine));
        assertEquals(List.of("sketch.png"), names(mine.resolve("plots")));
        assertFalse(run.hasRun());
    }
}

package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.TrainingState;

/** The run config's initial score reaches the schedule the trainer builds. */
@Tag("slow")
class TrainerInitialScoreTest {
    @TempDir
    Path tmp;

    @Test
    void initialScoreOneTriggersAtTheFirstTestAfterDelta() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 2);
        config.setStrategy("cbs");
        config.setDelta(1);
        config.setInitialScore(1.0);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainingState state = Trainer.start(config, tmp.resolve("run"), new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        JsonNode schedule = state.schedule();
        assertEquals(1.0, schedule.get("initialScore").doubleValue(), schedule.toString());
        // epoch 2 = delta + 1 compares the best class's best Dice of two tiny epochs with 1: it fires
        assertEquals(2, schedule.get("lastTrigger").intValue(), schedule.toString());
        boolean frozen = false;
        for (double w : state.weights()) frozen |= w == config.getLow();
        assertTrue(frozen, schedule.toString());
    }
}

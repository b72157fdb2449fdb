package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:15:30Z"), ZoneOffset.UTC);

    @Test
    void oneJsonObjectPerLineWithTimeAndEventFirst() throws IOException {
        EventLog log = new EventLog(dir.resolve("events.jsonl"), clock);
        log.log("epoch_end", "epoch", 3, "loss", 0.25);
        log.log("trigger", Map.of("frozen", List.of("liver")));
        List<String> lines = Files.readAllLines(log.file());
        assertEquals(2, lines.size());
        assertEquals("{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"epoch_end\",\"epoch\":3,\"loss\":0.25}", lines.get(0));
        Map<?, ?> second = new ObjectMapper().readValue(lines.get(1), Map.class);
        assertEquals(List.of("liver"), second.get("frozen"));
    }

    @Test
    void nanBecomesNullBecauseJsonHasNoNan() throws IOException {
        EventLog log = new EventLog(dir.resolve("events.jsonl"), clock);
        log.log("validation", "dice", new double[] {0.5, Double.NaN}, "mean", Double.NaN);
        Map<String, Object> e = log.read().get(0);
        assertEquals(java.util.Arrays.asList(0.5, null), e.get("dice"));
        assertNull(e.get("mean"));
    }

    @Test
    void aTornLastLineIsDroppedOnOpen() throws IOException {
        Path file = dir.resolve("events.jsonl");
        new EventLog(file, clock).log("start");
        Files.writeString(file, "{\"time\":\"2025", StandardOpenOption.APPEND);
        EventLog reopened = new EventLog(file, clock);
        reopened.log("resume", "epoch", 1);
        List<Map<String, Object>> events = reopened.read();
        assertEquals(List.of("start", "resume"), events.stream().map(m -> m.get("event")).toList());
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void reservedFieldNamesAreRefused() throws IOException {
        EventLog log = new EventLog(dir.resolve("events.jsonl"), clock);
        assertThrows(IllegalArgumentException.class, () -> log.log("x", "time", 1));
        assertThrows(IllegalArgumentException.class, () -> log.log("x", "odd"));
    }
}

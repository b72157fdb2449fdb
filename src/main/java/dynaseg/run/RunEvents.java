package dynaseg.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a report takes from a run's {@code events.jsonl}: the epochs where the schedule changed
 * the weights ({@code trigger} events), to mark them on the weight figure, and how many training
 * steps were skipped because the loss or a gradient was not finite (events whose name starts
 * with {@code nonfinite}: {@code nonfinite_loss}, {@code nonfinite_gradient}, ...), because a run
 * that skipped steps trained on less than its config says. Read-only, unlike
 * {@link dynaseg.run.EventLog}, which repairs the file it opens; torn lines are skipped. A run
 * without the file has no events.
 */
public record RunEvents(List<Integer> triggerEpochs, int nonFiniteSteps) {
    public static final RunEvents NONE = new RunEvents(List.of(), 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunEvents {
        triggerEpochs = List.copyOf(triggerEpochs);
    }

    public static RunEvents read(Path eventsJsonl) throws IOException {
        if (!Files.isRegularFile(eventsJsonl)) return NONE;
        List<Integer> triggers = new ArrayList<>();
        int nonFinite = 0;
        for (String line : Files.readAllLines(eventsJsonl, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            String name = e.path("event").asText("");
            if (name.equals("trigger") && e.path("epoch").canConvertToInt()) {
                int epoch = e.path("epoch").asInt();
                if (!triggers.contains(epoch)) triggers.add(epoch);
            } else if (name.startsWith("nonfinite")) {
                nonFinite++;
            }
        }
        return new RunEvents(triggers, nonFinite);
    }
}

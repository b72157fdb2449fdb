package dynaseg.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code events.jsonl}: what happened during a run, one JSON object per line,
 * <pre>{"time":"2025-01-01T12:00:00.123Z","event":"epoch_end","epoch":3,...}</pre>
 * Event names in use: {@code start}, {@code resume}, {@code epoch_end}, {@code validation},
 * {@code trigger} (a schedule froze or re-weighted classes), {@code best}, {@code nonfinite_loss}
 * (a skipped step whose loss was not finite), {@code nonfinite_gradient} (a skipped step whose loss
 * was finite and gradients were not), {@code test} (held-out cases scored), {@code end}. Fields are free-form (numbers, strings, arrays, maps); NaN becomes {@code null}
 * since JSON has no NaN.
 *
 * <p>Each event is appended with one write. A kill -9 in the middle of a write can leave a
 * partial last line; opening the log removes it, and {@link #read()} skips unparsable lines.
 */
public final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Clock clock;

    /** Opens (and repairs) the log; the file is created on the first event. */
    public EventLog(Path file) throws IOException {
        this(file, Clock.systemUTC());
    }

    public EventLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        dropPartialLastLine();
    }

    public Path file() { return file; }

    /** Appends {@code {"time":..., "event": event, ...fields}}; fields keep their order. */
    public synchronized void log(String event, Map<String, ?> fields) throws IOException {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("time", Instant.now(clock).toString());
        obj.put("event", event);
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getKey().equals("time") || e.getKey().equals("event")) {
                throw new IllegalArgumentException("field name '" + e.getKey() + "' is reserved");
            }
            obj.put(e.getKey(), jsonSafe(e.getValue()));
        }
        String line;
        try {
            line = JSON.writeValueAsString(obj) + "\n";
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write event '" + event + "' to " + file + ": " + e.getOriginalMessage(), e);
        }
        Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** {@code log(event, Map.of(k1, v1, k2, v2, ...))} in argument order. */
    public void log(String event, Object... keyValues) throws IOException {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must come in pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        log(event, m);
    }

    /** Every complete event, in order; empty when the file doesn't exist. */
    public List<Map<String, Object>> read() throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        if (!Files.exists(file)) return events;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                events.add(JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
            } catch (JsonProcessingException e) {
                // a torn line from a crash; the events before and after are intact
            }
        }
        return events;
    }

    private static Object jsonSafe(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) return null;
        if (v instanceof Float f && !Float.isFinite(f)) return null;
        if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double x : a) l.add(Double.isFinite(x) ? x : null);
            return l;
        }
        if (v instanceof float[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (float x : a) l.add(Float.isFinite(x) ? (double) x : null);
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), jsonSafe(e.getValue()));
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object x : it) out.add(jsonSafe(x));
            return out;
        }
        if (v instanceof Path p) return p.toString();
        return v;
    }

    private void dropPartialLastLine() throws IOException {
        if (!Files.exists(file)) return;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long len = raf.length();
            long keep = len;
            while (keep > 0) {
                raf.seek(keep - 1);
                if (raf.read() == '\n') break;
                keep--;
            }
            if (keep != len) raf.setLength(keep);
        }
    }
}

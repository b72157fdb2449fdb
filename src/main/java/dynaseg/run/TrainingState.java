package dynaseg.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a checkpoint knows besides the network and the optimizer ({@code state.json}): the last
 * finished epoch and iteration count, the best mean validation Dice and its epoch, the schedule's
 * own state, the loss weights of the next epoch, the count of skipped non-finite steps, a hash of
 * the run config, and the metrics row of the epoch (so that a crash after the checkpoint but
 * before metrics.csv was written is repaired on resume). NaN is written as JSON null.
 *
 * @param epoch          epochs finished
 * @param iterations     optimizer iterations finished (skipped steps included)
 * @param bestDiceMean   best mean validation Dice so far (NaN before any)
 * @param bestEpoch      its epoch (0 before any)
 * @param schedule       {@code ClassWeightSchedule.saveState()}
 * @param weights        foreground loss weights for epoch {@code epoch + 1}
 * @param nonFiniteSteps steps skipped over the run
 * @param configHash     {@link #hashOf(RunConfig)} of the run's config
 * @param lastRow        the metrics row of epoch {@code epoch}
 */
public record TrainingState(int epoch, long iterations, double bestDiceMean, int bestEpoch, JsonNode schedule,
        double[] weights, long nonFiniteSteps, String configHash, MetricsLog.Row lastRow) {
    public static final String FILE_NAME = "state.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainingState {
        weights = weights.clone();
    }

    @Override
    public double[] weights() { return weights.clone(); }

    /** A short hash of the config's YAML: the settings that shape the run. */
    public static String hashOf(RunConfig config) {
        RunConfig c = config.copy();
        c.setEpochs(1); // extending a run on resume is allowed,
        c.setThreads(0); // and the machine's resources
        c.setCacheDir(null);
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(c.toYaml().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("epoch", epoch);
        o.put("iterations", iterations);
        putNumber(o, "best_dice_mean", bestDiceMean);
        o.put("best_epoch", bestEpoch);
        o.set("schedule", schedule);
        o.set("weights", array(weights));
        o.put("nonfinite_steps", nonFiniteSteps);
        o.put("config_hash", configHash);
        if (lastRow != null) {
            ObjectNode r = o.putObject("last_row");
            r.put("epoch", lastRow.epoch());
            putNumber(r, "train_loss", lastRow.trainLoss());
            putNumber(r, "lr", lastRow.lr());
            putNumber(r, "seconds", lastRow.seconds());
            r.set("dice", array(lastRow.dice()));
            r.set("weights", array(lastRow.weights()));
            putNumber(r, "dice_mean", lastRow.diceMean());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise training state", e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a state.json; errors name the file. */
    public static TrainingState read(Path file) throws IOException {
        try {
            JsonNode o = JSON.readTree(file.toFile());
            int format = o.path("format").asInt(-1);
            if (format != FORMAT) throw new IOException("unsupported format " + format);
            MetricsLog.Row row = null;
            JsonNode r = o.get("last_row");
            if (r != null && r.isObject()) {
                row = new MetricsLog.Row(r.get("epoch").asInt(), number(r.get("train_loss")), number(r.get("lr")),
                        number(r.get("seconds")), doubles(r.get("dice")), doubles(r.get("weights")), number(r.get("dice_mean")));
            }
            return new TrainingState(require(o, "epoch").asInt(), require(o, "iterations").asLong(),
                    number(o.get("best_dice_mean")), require(o, "best_epoch").asInt(), require(o, "schedule"),
                    doubles(require(o, "weights")), require(o, "nonfinite_steps").asLong(),
                    require(o, "config_hash").asText(), row);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable training state: " + e.getMessage(), e);
        }
    }

    private static JsonNode require(JsonNode o, String key) throws IOException {
        JsonNode v = o.get(key);
        if (v == null) throw new IOException("missing '" + key + "'");
        return v;
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
    }

    private static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) a.add(v); else a.add(NullNode.getInstance());
        }
        return a;
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(a.get(i));
        return out;
    }
}

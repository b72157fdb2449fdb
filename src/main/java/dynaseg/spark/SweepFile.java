package dynaseg.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dynaseg.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A file listing the runs of {@code dynaseg sweep}:
 *
 * <pre>
 * config: base.yaml          # optional: the settings every run starts from (config.yaml keys)
 * report: report             # optional: a Table 1 report of the runs, written when all are done
 * runs:
 *   - out: runs/unet3d-cbs   # the run folder
 *     set: {model: unet3d, strategy: cbs}   # optional: keys over the config
 *   - out: runs/unetr-none
 *     config: unetr.yaml     # optional: another config for this run
 *     set: {model: unetr, strategy: none, seed: 2}
 * </pre>
 *
 * Paths in the file (out, config, report) are relative to its folder; data-dirs and cache-dir in
 * the configs are relative to the working folder (as with dynaseg train) and made absolute here, so
 * that tasks on other nodes find them.
 */
public record SweepFile(List<ConfigRunTask> runs, Path report) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static SweepFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected keys config, report and runs");
        Path base = file.toAbsolutePath().normalize().getParent();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("config", "report", "runs").contains(k)) {
                throw new IOException(file + ": unknown key '" + k + "'; known keys: config, report, runs");
            }
        }
        JsonNode runs = root.get("runs");
        if (runs == null || !runs.isArray() || runs.isEmpty()) throw new IOException(file + ": 'runs' lists no runs");
        List<ConfigRunTask> tasks = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        int i = 0;
        for (JsonNode run : runs) {
            i++;
            String where = file + ": run " + i;
            if (!run.isObject() || run.get("out") == null) throw new IOException(where + ": give its run folder as 'out'");
            for (Iterator<String> it = run.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!List.of("out", "config", "set").contains(k)) {
                    throw new IOException(where + ": unknown key '" + k + "'; known keys: out, config, set");
                }
            }
            Path out = base.resolve(run.get("out").asText()).normalize();
            if (outs.contains(out)) throw new IOException(where + ": " + out + " is the folder of another run too");
            outs.add(out);
            JsonNode cfgName = run.has("config") ? run.get("config") : root.get("config");
            ObjectNode settings = cfgName == null ? YAML.createObjectNode() : readObject(base.resolve(cfgName.asText()));
            JsonNode set = run.get("set");
            if (set != null) {
                if (!set.isObject()) throw new IOException(where + ": 'set' takes config.yaml keys and values");
                for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    settings.set(e.getKey(), e.getValue());
                }
            }
            RunConfig c = RunConfig.parse(settings.isEmpty() ? "" : YAML.writeValueAsString(settings), where);
            List<String> data = new ArrayList<>();
            for (String d : c.getDataDirs()) data.add(Path.of(d).toAbsolutePath().normalize().toString());
            c.setDataDirs(data);
            if (c.getCacheDir() != null) c.setCacheDir(Path.of(c.getCacheDir()).toAbsolutePath().normalize().toString());
            if (c.getDataDirs().isEmpty()) throw new IOException(where + ": give data-dirs (in its config or set)");
            tasks.add(new ConfigRunTask(out.toString(), c.toYaml(), where));
        }
        Path report = root.has("report") ? base.resolve(root.get("report").asText()).normalize() : null;
        return new SweepFile(List.copyOf(tasks), report);
    }

    private static ObjectNode readObject(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        JsonNode n = YAML.readTree(Files.readString(file));
        if (n == null || n.isMissingNode() || n.isNull()) return YAML.createObjectNode();
        if (!n.isObject()) throw new IOException(file + ": expected config.yaml keys");
        return (ObjectNode) n;
    }
}

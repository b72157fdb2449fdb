package dynaseg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dynaseg.nn.Networks;
import dynaseg.train.ModelProfile;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the networks and presets with their size, training patch and measured step time. */
@Command(name = "models", header = "List the networks and presets: parameters, patch, training-step time.", mixinStandardHelpOptions = true,
        description = {"List the networks (unet3d, unetr, lambda3d) in each preset (paper, cpu): parameters, "
                + "training patch, and the time of one training forward+backward (batch 1, random data) on this machine.",
            "--json prints a list of {model, preset, parameters, patch, step_ms}."},
        footer = {"",
            "The paper presets take tens of seconds per step on a CPU and several GB of memory; "
                + "use --preset cpu or --no-timing for a quick listing.",
            "",
            "Examples:",
            "  dynaseg models",
            "  dynaseg models --json --preset cpu",
            "  dynaseg models --model unet3d --preset cpu --channels 16,32,64,128 --with-optimizer",
            "  dynaseg models --no-timing"})
public final class ModelsCommand implements Runnable {
    @Mixin JsonOption json;

    @Mixin NetworkOptions network;

    @Option(names = "--classes", defaultValue = "14", description = "Output classes, background included (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed steps per network after one warm-up; the median is shown (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--with-optimizer", description = "Time a full training step: forward, backward and the AdamW update.")
    boolean withOptimizer;

    @Option(names = "--no-timing", description = "Skip the timing (step_ms is null).")
    boolean noTiming;

    @Override
    public void run() {
        if (classes < 2) throw new IllegalArgumentException("--classes must be at least 2, got " + classes);
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        int[] unetChannels = network.channels() == null ? null : network.channels().stream().mapToInt(Integer::intValue).toArray();
        List<String> models = network.model() == null ? Networks.MODELS : List.of(network.model());
        List<String> presets = network.preset() == null ? Networks.PRESETS : List.of(network.preset());
        List<ModelProfile> rows = new ArrayList<>();
        if (!json.wanted()) System.out.printf("%-9s %-6s %12s %6s %10s%n", "model", "preset", "parameters", "patch", "step_ms");
        for (String m : models) {
            for (String p : presets) {
                ModelProfile row = ModelProfile.measure(m, p, classes, "unet3d".equals(m) ? unetChannels : null, noTiming ? 0 : repeats, withOptimizer);
                rows.add(row);
                if (!json.wanted()) {
                    System.out.printf("%-9s %-6s %,12d %6s %10s%n", row.model(), row.preset(), row.parameters(),
                            row.patch() + "^3", row.stepMs() == null ? "-" : String.format("%.1f", row.stepMs()));
                }
            }
        }
        if (json.wanted()) System.out.println(toJson(rows));
    }

    private static String toJson(List<ModelProfile> rows) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        for (ModelProfile r : rows) {
            ObjectNode o = list.addObject();
            o.put("model", r.model());
            o.put("preset", r.preset());
            o.put("parameters", r.parameters());
            o.put("patch", r.patch());
            if (r.stepMs() == null) o.putNull("step_ms");
            else o.put("step_ms", r.stepMs());
        }
        return list.toPrettyString();
    }
}

package dynaseg.bench;

import dynaseg.train.ModelProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The groups of {@code dynaseg bench} that compare against a derived figure, and the output formats. */
public final class BenchReport {
    private BenchReport() {}

    /**
     * Loader speed as milliseconds per patch (batch 2, 96^3 and 64^3), against the time the trainer
     * spends per patch (a cpu UNet3D step on its 64^3 patch, batch 1): the ratio says how many
     * times faster the loader produces patches than the trainer consumes them (goal: at least 5).
     */
    public static List<BenchResult> loader(int threads, int repeats) {
        ModelProfile trainer = ModelProfile.measure("unet3d", "cpu", 14, null, repeats, true);
        LoaderBenchmark.Result at96 = LoaderBenchmark.run(threads);
        LoaderBenchmark.Result at64 = LoaderBenchmark.run(4, new int[] {192, 192, 128}, 64, 2, threads, 20, 100);
        return List.of(
                new BenchResult("loader", "ms per 96^3 patch (batch 2, " + threads + " threads) vs trainer ms per patch",
                        1000 / at96.patchesPerSecond(), trainer.stepMs(), "ms"),
                new BenchResult("loader", "ms per 64^3 patch (batch 2, " + threads + " threads) vs trainer ms per patch",
                        1000 / at64.patchesPerSecond(), trainer.stepMs(), "ms"));
    }

    /** An aligned text table of results. */
    public static String table(List<BenchResult> results) {
        StringBuilder sb = new StringBuilder();
        for (BenchResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-7s %-72s ours %10.2f %-2s  peer %10.2f %-2s  ratio %6.2f%n",
                    r.group(), r.name(), r.ours(), r.unit(), r.peer(), r.unit(), r.ratio()));
        }
        return sb.toString();
    }

    /** The JSON document of {@code --json}: machine, date and the results. */
    public static Map<String, Object> toJson(List<BenchResult> results, int threads) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", java.time.LocalDate.now().toString());
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("threads", threads);
        doc.put("java", System.getProperty("java.version"));
        doc.put("results", results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", r.group());
            m.put("name", r.name());
            m.put("ours", r.ours());
            m.put("peer", Double.isNaN(r.peer()) ? null : r.peer());
            m.put("unit", r.unit());
            m.put("ratio", Double.isNaN(r.ratio()) ? null : r.ratio());
            return m;
        }).toList());
        return doc;
    }
}

package dynaseg.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the paper's Table 1 for a set of run folders: reads each run's summary, counts the
 * Voxels % column from the first run's training data (omitted with a note when it can't be read),
 * and marks baselines. Shared by {@code dynaseg report} and {@code dynaseg demo}.
 */
public final class RunComparison {
    private RunComparison() {}

    public static Table1Report build(List<Path> runs, List<Path> baselines, Consumer<String> warnings) throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("no run folders to compare");
        List<RunSummary> summaries = new ArrayList<>();
        for (Path r : runs) summaries.add(RunSummary.read(r));
        List<RunSummary> baselineSummaries = new ArrayList<>();
        for (Path b : baselines) baselineSummaries.add(RunSummary.read(b));
        RunSummary first = summaries.get(0);
        Map<String, Double> shares = null;
        String note = null;
        try {
            shares = VoxelShares.of(first.dataDirs(), first.run().root(), warnings);
        } catch (IOException e) {
            note = "training data of " + first.run().root() + " not readable (" + e.getMessage() + ")";
        }
        return Table1Report.build(summaries, baselineSummaries, shares, note);
    }
}

package dynaseg.eval;

import dynaseg.schedule.Schedules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of one Table 1 column: same model and strategy, so several of them are repetitions
 * with other seeds. A cell is the mean over the runs of their {@link RunSummary#score}, with the
 * sample sd and the number of runs that score the organ; one run alone says nothing about how
 * much a column moves between seeds.
 */
public record RunGroup(String model, String strategy, List<RunSummary> runs) {
    /** Strategies whose weights never change during a run: nothing to draw or to trigger. */
    public static final Set<String> STATIC = Set.of(Schedules.NONE, Schedules.PREVALENCE);

    public RunGroup {
        if (runs.isEmpty()) throw new IllegalArgumentException("a column needs at least one run");
        runs = List.copyOf(runs);
    }

    /** Groups runs by {@code model strategy}, groups and runs in order of first appearance. */
    public static List<RunGroup> of(List<RunSummary> runs) {
        Map<String, List<RunSummary>> byLabel = new LinkedHashMap<>();
        for (RunSummary r : runs) byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
        List<RunGroup> groups = new ArrayList<>();
        for (List<RunSummary> g : byLabel.values()) groups.add(new RunGroup(g.get(0).model(), g.get(0).strategy(), g));
        return groups;
    }

    /** {@code model strategy}. */
    public String label() { return model + " " + strategy; }

    /** True when the strategy changes weights during training (not none, not prevalence). */
    public boolean isDynamic() { return !STATIC.contains(strategy); }

    /** Mean, sd and n over the runs of {@code organ}'s score. */
    public SampleStats stats(String organ) {
        return SampleStats.of(runs.stream().mapToDouble(r -> r.score(organ)).toArray());
    }

    /** Mean, sd and n over the runs of each run's mean score over {@code organs} (NaN skipped). */
    public SampleStats meanStats(List<String> organs) {
        double[] perRun = new double[runs.size()];
        for (int i = 0; i < perRun.length; i++) {
            RunSummary r = runs.get(i);
            perRun[i] = SampleStats.of(organs.stream().mapToDouble(r::score).toArray()).mean();
        }
        return SampleStats.of(perRun);
    }
}

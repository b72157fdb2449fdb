package dynaseg.eval;

import dynaseg.schedule.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The paper's Table 1 for any set of runs: a row per organ, ordered by its share of labelled
 * voxels (descending; organs without a share last, in the first run's order), then a Mean row;
 * a column per model and strategy ({@link RunGroup}: runs sharing both are seed repetitions)
 * holding the mean over its runs of each run's score ({@link RunSummary#score}: test Dice when
 * the run has test cases, else best-epoch validation Dice), with the sample sd and n. The Mean
 * row averages, over the runs, each run's mean over organs.
 *
 * <p>Baselines: a model's baseline is the column of the run given for it explicitly, else its
 * column with strategy {@code none}. Columns are grouped by model (in order of first appearance),
 * the baseline first. A baseline cell gets a star when its mean is below {@link #POOR} ("poorly
 * performing organ"); a non-baseline cell is bold when its mean beats its model's baseline once
 * both are rounded to the {@link #DECIMALS} shown.
 */
public final class Table1Report {
    public static final double POOR = 0.8;
    public static final int DECIMALS = 3;

    /** One column; {@code baseline} is its model's baseline column (itself for the baseline), or null. */
    public record Column(String title, RunGroup group, RunGroup baseline) {
        public boolean isBaseline() { return baseline == group; }
        public List<RunSummary> runs() { return group.runs(); }
    }

    /** One organ row (or the Mean row, whose {@code voxelPercent} is NaN); arrays are per column. */
    public record Row(String organ, double voxelPercent, double[] dice, double[] sd, int[] n) {
        public Row {
            dice = dice.clone();
            sd = sd.clone();
            n = n.clone();
        }

        /** The means over seeds. */
        @Override
        public double[] dice() { return dice.clone(); }

        /** Sample sd over seeds; NaN with fewer than two. */
        @Override
        public double[] sd() { return sd.clone(); }

        /** The number of runs with a score. */
        @Override
        public int[] n() { return n.clone(); }
    }

    private final List<Column> columns;
    private final List<String> organs;
    private final List<Row> rows;
    private final Row mean;
    private final Optional<String> voxelNote;

    private Table1Report(List<Column> columns, List<String> organs, List<Row> rows, Row mean, Optional<String> voxelNote) {
        this.columns = List.copyOf(columns);
        this.organs = List.copyOf(organs);
        this.rows = List.copyOf(rows);
        this.mean = mean;
        this.voxelNote = voxelNote;
    }

    /**
     * Builds the table.
     *
     * @param explicitBaselines runs naming their column as their model's baseline (one column per model); they join the runs if missing
     * @param voxelPercent organ name → share of labelled voxels (%), or null when unknown
     * @param voxelNote why the shares are unknown (shown instead of the column); ignored when they are known
     */
    public static Table1Report build(List<RunSummary> runs, List<RunSummary> explicitBaselines,
            Map<String, Double> voxelPercent, String voxelNote) {
        if (runs.isEmpty() && explicitBaselines.isEmpty()) throw new IllegalArgumentException("no runs to report");
        Map<Path, RunSummary> unique = new LinkedHashMap<>();
        for (RunSummary r : explicitBaselines) unique.putIfAbsent(r.run().root(), r);
        for (RunSummary r : runs) unique.putIfAbsent(r.run().root(), r);
        List<RunGroup> groups = RunGroup.of(new ArrayList<>(unique.values()));
        Map<String, RunGroup> baselineOf = new LinkedHashMap<>();
        for (RunSummary b : explicitBaselines) {
            RunGroup g = groupOf(groups, b);
            RunGroup before = baselineOf.put(b.model(), g);
            if (before != null && before != g) {
                throw new IllegalArgumentException("two baselines for model " + b.model() + ": " + before.label() + " and " + g.label());
            }
        }
        // models in order of first appearance among the runs as given
        List<String> models = new ArrayList<>();
        for (RunSummary r : runs) if (!models.contains(r.model())) models.add(r.model());
        for (RunSummary r : explicitBaselines) if (!models.contains(r.model())) models.add(r.model());
        for (RunGroup g : groups) if (g.strategy().equals(Schedules.NONE)) baselineOf.putIfAbsent(g.model(), g);
        List<Column> columns = new ArrayList<>();
        for (String m : models) {
            RunGroup base = baselineOf.get(m);
            if (base != null) columns.add(new Column(base.label(), base, base));
            for (RunGroup g : groups) if (g.model().equals(m) && g != base) columns.add(new Column(g.label(), g, base));
        }

        Set<String> organSet = new LinkedHashSet<>();
        RunSummary first = runs.isEmpty() ? explicitBaselines.get(0) : runs.get(0);
        organSet.addAll(first.organs());
        for (RunSummary r : unique.values()) organSet.addAll(r.organs());
        List<String> organs = new ArrayList<>(organSet);
        if (voxelPercent != null) {
            // stable sort: ties and organs without a share keep the first run's order
            organs.sort(Comparator.comparingDouble(o -> -voxelPercent.getOrDefault(o, Double.NEGATIVE_INFINITY)));
        }
        List<Row> rows = new ArrayList<>();
        for (String organ : organs) {
            double share = voxelPercent == null ? Double.NaN : voxelPercent.getOrDefault(organ, Double.NaN);
            rows.add(row(organ, share, columns, c -> c.group().stats(organ)));
        }
        Row mean = row("Mean", Double.NaN, columns, c -> c.group().meanStats(organs));
        return new Table1Report(columns, organs, rows, mean,
                voxelPercent == null ? Optional.of(voxelNote == null ? "unknown" : voxelNote) : Optional.empty());
    }

    private static Row row(String organ, double share, List<Column> columns, java.util.function.Function<Column, SampleStats> stats) {
        int k = columns.size();
        double[] dice = new double[k];
        double[] sd = new double[k];
        int[] n = new int[k];
        for (int c = 0; c < k; c++) {
            SampleStats s = stats.apply(columns.get(c));
            dice[c] = s.mean();
            sd[c] = s.sd();
            n[c] = s.n();
        }
        return new Row(organ, share, dice, sd, n);
    }

    private static RunGroup groupOf(List<RunGroup> groups, RunSummary run) {
        return groups.stream().filter(g -> g.runs().contains(run)).findFirst().orElseThrow();
    }

    public List<Column> columns() { return columns; }
    public List<Row> rows() { return rows; }
    public Row mean() { return mean; }

    /** The organs of the rows, in row order. */
    public List<String> organs() { return organs; }

    /** Every run of the table, column by column. */
    public List<RunSummary> runs() {
        List<RunSummary> all = new ArrayList<>();
        for (Column c : columns) all.addAll(c.runs());
        return all;
    }

    /** The column index of {@code c}'s baseline, or -1 without one. */
    public int baselineIndex(Column c) {
        for (int i = 0; i < columns.size(); i++) if (c.baseline() != null && columns.get(i).group() == c.baseline()) return i;
        return -1;
    }

    /** True when the Voxels % column is shown. */
    public boolean hasVoxelShares() { return voxelNote.isEmpty(); }

    /** Why the Voxels % column is missing. */
    public Optional<String> voxelNote() { return voxelNote; }

    /** What the cells are: test Dice, validation Dice, or a mix of the two (then which runs have which). */
    public String scoreCaption() { return ScoreCaption.of(runs()); }

    /** A star: a baseline's organ row with mean Dice below {@link #POOR} (never on the Mean row). */
    public boolean starred(Row row, int column) {
        double d = row.dice[column];
        return row != mean && columns.get(column).isBaseline() && !Double.isNaN(d) && d < POOR;
    }

    /** Bold: a non-baseline column whose mean beats its model's baseline on this row, at the decimals shown. */
    public boolean bold(Row row, int column) {
        Column c = columns.get(column);
        if (c.baseline() == null || c.isBaseline()) return false;
        double mine = row.dice[column];
        double theirs = row.dice[baselineIndex(c)];
        if (Double.isNaN(mine) || Double.isNaN(theirs)) return false;
        return Double.parseDouble(dice(mine)) > Double.parseDouble(dice(theirs));
    }

    /** A Dice as shown: {@link #DECIMALS} decimals, {@code -} for NaN. */
    public static String dice(double v) {
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%." + DECIMALS + "f", v);
    }
}

package dynaseg.eval;

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
 * a column per run holding its best validation Dice per organ ({@link RunSummary}).
 *
 * <p>Baselines: a model's baseline is the run given for it explicitly, else its run with
 * strategy {@code none} (the first one given). Columns are grouped by model (in order of first
 * appearance), the baseline first. A baseline cell gets a star when its Dice is below
 * {@link #POOR} ("poorly performing organ"); a non-baseline cell is bold when it beats its
 * model's baseline once both are rounded to the {@link #DECIMALS} shown.
 */
public final class Table1Report {
    public static final double POOR = 0.8;
    public static final int DECIMALS = 3;

    /** One run's column; {@code baseline} is its model's baseline run (itself for the baseline), or null. */
    public record Column(String title, RunSummary run, RunSummary baseline) {
        public boolean isBaseline() { return baseline == run; }
    }

    /** One organ row (or the Mean row, whose {@code voxelPercent} is NaN). {@code dice} is per column. */
    public record Row(String organ, double voxelPercent, double[] dice) {
        public Row {
            dice = dice.clone();
        }

        @Override
        public double[] dice() { return dice.clone(); }
    }

    private final List<Column> columns;
    private final List<Row> rows;
    private final Row mean;
    private final Optional<String> voxelNote;

    private Table1Report(List<Column> columns, List<Row> rows, Row mean, Optional<String> voxelNote) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.mean = mean;
        this.voxelNote = voxelNote;
    }

    /**
     * Builds the table.
     *
     * @param explicitBaselines runs named as baselines (at most one per model); they join the columns if missing
     * @param voxelPercent organ name → share of labelled voxels (%), or null when unknown
     * @param voxelNote why the shares are unknown (shown instead of the column); ignored when they are known
     */
    public static Table1Report build(List<RunSummary> runs, List<RunSummary> explicitBaselines,
            Map<String, Double> voxelPercent, String voxelNote) {
        if (runs.isEmpty() && explicitBaselines.isEmpty()) throw new IllegalArgumentException("no runs to report");
        Map<Path, RunSummary> unique = new LinkedHashMap<>();
        for (RunSummary r : explicitBaselines) unique.putIfAbsent(r.run().root(), r);
        for (RunSummary r : runs) unique.putIfAbsent(r.run().root(), r);
        Map<String, RunSummary> baselineOf = new LinkedHashMap<>();
        for (RunSummary b : explicitBaselines) {
            RunSummary before = baselineOf.put(b.model(), unique.get(b.run().root()));
            if (before != null && !before.run().root().equals(b.run().root())) {
                throw new IllegalArgumentException("two baselines for model " + b.model() + ": " + before.run() + " and " + b.run());
            }
        }
        // models in order of first appearance among the runs as given
        List<String> models = new ArrayList<>();
        for (RunSummary r : runs) if (!models.contains(r.model())) models.add(r.model());
        for (RunSummary r : explicitBaselines) if (!models.contains(r.model())) models.add(r.model());
        for (RunSummary r : unique.values()) {
            if (r.strategy().equals("none")) baselineOf.putIfAbsent(r.model(), r);
        }
        List<RunSummary> ordered = new ArrayList<>();
        for (String m : models) {
            RunSummary base = baselineOf.get(m);
            if (base != null) ordered.add(base);
            for (RunSummary r : unique.values()) if (r.model().equals(m) && r != base) ordered.add(r);
        }
        List<Column> columns = new ArrayList<>();
        List<String> titles = titles(ordered);
        for (int i = 0; i < ordered.size(); i++) {
            columns.add(new Column(titles.get(i), ordered.get(i), baselineOf.get(ordered.get(i).model())));
        }

        Set<String> organSet = new LinkedHashSet<>();
        RunSummary first = runs.isEmpty() ? explicitBaselines.get(0) : runs.get(0);
        organSet.addAll(first.organs());
        for (RunSummary r : ordered) organSet.addAll(r.organs());
        List<String> organs = new ArrayList<>(organSet);
        if (voxelPercent != null) {
            // stable sort: ties and organs without a share keep the first run's order
            organs.sort(Comparator.comparingDouble(o -> -voxelPercent.getOrDefault(o, Double.NEGATIVE_INFINITY)));
        }
        List<Row> rows = new ArrayList<>();
        double[] sum = new double[columns.size()];
        int[] n = new int[columns.size()];
        for (String organ : organs) {
            double[] dice = new double[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                dice[c] = columns.get(c).run().bestDice(organ);
                if (!Double.isNaN(dice[c])) {
                    sum[c] += dice[c];
                    n[c]++;
                }
            }
            double share = voxelPercent == null ? Double.NaN : voxelPercent.getOrDefault(organ, Double.NaN);
            rows.add(new Row(organ, share, dice));
        }
        double[] means = new double[columns.size()];
        for (int c = 0; c < means.length; c++) means[c] = n[c] == 0 ? Double.NaN : sum[c] / n[c];
        return new Table1Report(columns, rows, new Row("Mean", Double.NaN, means),
                voxelPercent == null ? Optional.of(voxelNote == null ? "unknown" : voxelNote) : Optional.empty());
    }

    /** {@code model strategy}; runs sharing one get their folder name appended. */
    private static List<String> titles(List<RunSummary> runs) {
        List<String> titles = new ArrayList<>();
        for (RunSummary r : runs) {
            long same = runs.stream().filter(o -> o.label().equals(r.label())).count();
            titles.add(same > 1 ? r.label() + " (" + r.run().root().getFileName() + ")" : r.label());
        }
        return titles;
    }

    public List<Column> columns() { return columns; }
    public List<Row> rows() { return rows; }
    public Row mean() { return mean; }

    /** True when the Voxels % column is shown. */
    public boolean hasVoxelShares() { return voxelNote.isEmpty(); }

    /** Why the Voxels % column is missing. */
    public Optional<String> voxelNote() { return voxelNote; }

    /** A star: a baseline's organ row with Dice below {@link #POOR} (never on the Mean row). */
    public boolean starred(Row row, int column) {
        double d = row.dice[column];
        return row != mean && columns.get(column).isBaseline() && !Double.isNaN(d) && d < POOR;
    }

    /** Bold: a non-baseline column that beats its model's baseline on this row, at the decimals shown. */
    public boolean bold(Row row, int column) {
        Column c = columns.get(column);
        if (c.baseline() == null || c.isBaseline()) return false;
        int b = columns.indexOf(columns.stream().filter(o -> o.run() == c.baseline()).findFirst().orElseThrow());
        double mine = row.dice[column];
        double theirs = row.dice[b];
        if (Double.isNaN(mine) || Double.isNaN(theirs)) return false;
        return Double.parseDouble(dice(mine)) > Double.parseDouble(dice(theirs));
    }

    /** A Dice as shown: {@link #DECIMALS} decimals, {@code -} for NaN. */
    public static String dice(double v) {
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%." + DECIMALS + "f", v);
    }
}

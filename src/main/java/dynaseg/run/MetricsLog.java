package dynaseg.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dynaseg.io.AtomicFiles;

/**
 * {@code metrics.csv}: one row per epoch,
 * <pre>epoch,train_loss,lr,seconds,dice_&lt;organ&gt;...,weight_&lt;organ&gt;...,dice_mean</pre>
 * with organs named as in the dataset's labels, in channel order. The header is fixed by the
 * first row; a later run with other organs is an error. Values have 6 decimals, NaN is written
 * {@code nan}.
 *
 * <p>The whole file is rewritten atomically on each append (it is small), so a kill -9 never
 * leaves a torn row. On resume from epoch e, {@link #truncateAfter(int)} drops the rows of
 * epochs that the checkpoint doesn't have.
 */
public final class MetricsLog {
    /** One epoch. {@code dice} and {@code weights} are per foreground organ, in header order. */
    public record Row(int epoch, double trainLoss, double lr, double seconds, double[] dice, double[] weights,
            double diceMean) {
        public Row {
            dice = dice.clone();
            weights = weights.clone();
        }

        /** A row whose {@code diceMean} is the mean of the non-NaN Dice values (NaN when there are none). */
        public static Row of(int epoch, double trainLoss, double lr, double seconds, double[] dice, double[] weights) {
            return new Row(epoch, trainLoss, lr, seconds, dice, weights, nanMean(dice));
        }

        @Override
        public double[] dice() { return dice.clone(); }

        @Override
        public double[] weights() { return weights.clone(); }
    }

    private final Path file;
    private final List<String> organs;
    private final String header;

    /** A log over {@code file} for these organs (names as the dataset's labels, channel order). */
    public MetricsLog(Path file, List<String> organs) {
        if (organs.isEmpty()) throw new IllegalArgumentException("metrics need at least one organ");
        for (String o : organs) {
            if (o.isBlank() || o.contains(",") || o.contains("\n") || o.contains("\"")) {
                throw new IllegalArgumentException("organ name '" + o + "' can't be a CSV column name");
            }
        }
        this.file = file;
        this.organs = List.copyOf(organs);
        this.header = headerFor(this.organs);
    }

    public static String headerFor(List<String> organs) {
        StringBuilder h = new StringBuilder("epoch,train_loss,lr,seconds");
        for (String o : organs) h.append(",dice_").append(o);
        for (String o : organs) h.append(",weight_").append(o);
        return h.append(",dice_mean").toString();
    }

    public Path file() { return file; }
    public List<String> organs() { return organs; }
    public String header() { return header; }

    /** Adds a row (epochs must increase) and rewrites the file atomically. */
    public void append(Row row) throws IOException {
        if (row.dice.length != organs.size() || row.weights.length != organs.size()) {
            throw new IllegalArgumentException("row has " + row.dice.length + " Dice and " + row.weights.length
                    + " weights for " + organs.size() + " organs");
        }
        List<Row> rows = read();
        if (!rows.isEmpty() && rows.get(rows.size() - 1).epoch() >= row.epoch()) {
            throw new IllegalArgumentException(file + " already has epoch " + rows.get(rows.size() - 1).epoch()
                    + "; cannot append epoch " + row.epoch() + " (truncate on resume first)");
        }
        rows.add(row);
        writeAll(rows);
    }

    /** The rows in the file; empty when it doesn't exist. Checks that the header is this run's. */
    public List<Row> read() throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) return rows;
        if (!lines.get(0).equals(header)) {
            throw new IOException(file + ": header differs from this run's organs\n  file: " + lines.get(0)
                    + "\n  run:  " + header);
        }
        int n = organs.size();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split(",", -1);
            if (f.length != 5 + 2 * n) {
                throw new IOException(file + " line " + (i + 1) + ": " + f.length + " fields, expected " + (5 + 2 * n));
            }
            try {
                double[] dice = new double[n];
                double[] weights = new double[n];
                for (int k = 0; k < n; k++) {
                    dice[k] = parse(f[4 + k]);
                    weights[k] = parse(f[4 + n + k]);
                }
                rows.add(new Row(Integer.parseInt(f[0].trim()), parse(f[1]), parse(f[2]), parse(f[3]), dice, weights,
                        parse(f[4 + 2 * n])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": not a number: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Drops the rows of epochs after {@code epoch} (resume from a checkpoint of that epoch); returns how many. */
    public int truncateAfter(int epoch) throws IOException {
        if (!Files.exists(file)) return 0;
        List<Row> rows = read();
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) if (r.epoch() <= epoch) kept.add(r);
        if (kept.size() != rows.size()) writeAll(kept);
        return rows.size() - kept.size();
    }

    private void writeAll(List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (Row r : rows) {
            sb.append(r.epoch()).append(',').append(format(r.trainLoss())).append(',').append(format(r.lr()))
                    .append(',').append(format(r.seconds()));
            for (double d : r.dice) sb.append(',').append(format(d));
            for (double w : r.weights) sb.append(',').append(format(w));
            sb.append(',').append(format(r.diceMean())).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Six decimals, {@code nan}, {@code inf}, {@code -inf}. Learning rates below 1e-6 would print
     * as 0.000000, so values under 1e-3 in magnitude use scientific notation instead.
     */
    static String format(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v != 0 && Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.6e", v);
        return String.format(Locale.ROOT, "%.6f", v);
    }

    static double parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan": return Double.NaN;
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            default: return Double.parseDouble(t);
        }
    }

    /** Mean of the non-NaN values; NaN when all are NaN. */
    public static double nanMean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}

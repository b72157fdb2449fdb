package dynaseg.eval;

import dynaseg.schedule.Schedules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paper's Table 1 as printed ({@code paper-table1.csv}, a copy of shared/paper/table1.csv):
 * per-organ Dice of its eight columns and the printed Mean row. A report sets its own numbers
 * beside the paper's for the same comparison. Column names are {@code <model>} for the plain
 * loss and {@code <model>_<strategy>} for a rule, with dynaseg's model and strategy names.
 */
public final class PaperTable1 {
    static final String RESOURCE = "paper-table1.csv";
    private static final PaperTable1 PRINTED = load();

    /**
     * The paper's own figures for "rule vs plain loss" on one network.
     *
     * @param baselineMean, ruleMean the printed Mean row
     * @param baselineCellMean, ruleCellMean the mean of the printed organ cells (they disagree with the
     *        printed Mean for the 3D UNet columns)
     * @param poor organs below {@link Table1Report#POOR} in the baseline; {@code raised} of them higher with the rule
     */
    public record Figure(double baselineMean, double ruleMean, double baselineCellMean, double ruleCellMean,
            int poor, int raised) {
        public double change() { return ruleMean - baselineMean; }

        /** True when a printed Mean is not the mean of its cells (to the printed 0.001, with rounding slack). */
        public boolean meanDiscrepancy() {
            return Math.abs(baselineMean - baselineCellMean) > 0.0015 || Math.abs(ruleMean - ruleCellMean) > 0.0015;
        }
    }

    private final List<String> organs;
    private final Map<String, double[]> cells;
    private final Map<String, Double> printedMean;

    private PaperTable1(List<String> organs, Map<String, double[]> cells, Map<String, Double> printedMean) {
        this.organs = List.copyOf(organs);
        this.cells = cells;
        this.printedMean = printedMean;
    }

    public static PaperTable1 printed() { return PRINTED; }

    public List<String> columns() { return List.copyOf(cells.keySet()); }

    /** The paper's figures for {@code strategy} vs the plain loss on {@code model}, when it printed both. */
    public Optional<Figure> figure(String model, String strategy) {
        String rule = model + "_" + strategy;
        if (strategy.equals(Schedules.NONE) || !cells.containsKey(model) || !cells.containsKey(rule)) return Optional.empty();
        double[] base = cells.get(model);
        double[] r = cells.get(rule);
        int poor = 0;
        int raised = 0;
        for (int i = 0; i < organs.size(); i++) {
            if (base[i] < Table1Report.POOR) {
                poor++;
                if (r[i] > base[i]) raised++;
            }
        }
        return Optional.of(new Figure(printedMean.get(model), printedMean.get(rule), SampleStats.of(base).mean(),
                SampleStats.of(r).mean(), poor, raised));
    }

    private static PaperTable1 load() {
        try (InputStream in = PaperTable1.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",");
            List<String> organs = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            double[] mean = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                double[] v = new double[header.length - 2];
                for (int c = 2; c < header.length; c++) v[c - 2] = Double.parseDouble(f[c]);
                if (f[0].equals("mean_as_printed")) {
                    mean = v;
                } else {
                    organs.add(f[0]);
                    rows.add(v);
                }
            }
            Map<String, double[]> cells = new LinkedHashMap<>();
            Map<String, Double> printed = new LinkedHashMap<>();
            for (int c = 2; c < header.length; c++) {
                double[] col = new double[organs.size()];
                for (int i = 0; i < col.length; i++) col[i] = rows.get(i)[c - 2];
                cells.put(header[c], col);
                printed.put(header[c], mean[c - 2]);
            }
            return new PaperTable1(organs, cells, printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dynaseg.run;

import dynaseg.io.LabelTable;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import dynaseg.io.AtomicFiles;

/**
 * The two run plots, redrawn from the metrics rows after every epoch: {@code plots/dice.png}
 * (validation Dice per organ, [0, 1]) and {@code plots/weights.png} (loss weight per organ used
 * in the next epoch, [0, cap]). One line per organ over epochs; a NaN Dice (organ absent from
 * validation) leaves a gap. Files are written atomically; AWT runs headless.
 */
public final class TrainingPlots {
    static {
        // Must be set before the first AWT class loads; servers and CI have no display.
        System.setProperty("java.awt.headless", "true");
    }

    /** The label table's organ palette (one palette for plots, colour tables and figures). */
    static final Color[] PALETTE = palette(LabelTable.palette());

    private final int width;
    private final int height;

    /** Plots of 900 x 540 pixels. */
    public TrainingPlots() {
        this(900, 540);
    }

    public TrainingPlots(int width, int height) {
        if (width < 200 || height < 150) throw new IllegalArgumentException("plot too small: " + width + "x" + height);
        this.width = width;
        this.height = height;
    }

    /**
     * The colour of the k-th organ (0-based) in every plot of a run, so that figures elsewhere keep
     * it; the same as label k + 1 in the colour tables written next to predictions ({@link LabelTable}).
     */
    public static Color organColour(int k) {
        return new Color(LabelTable.organRgb(k));
    }

    /** Writes both plots of a run from its metrics rows. */
    public void write(RunDirectory run, List<String> organs, List<MetricsLog.Row> rows) throws IOException {
        writeDice(run.dicePlot(), organs, rows);
        writeWeights(run.weightsPlot(), organs, rows);
    }

    public void writeDice(Path png, List<String> organs, List<MetricsLog.Row> rows) throws IOException {
        XYChart chart = chart("Validation Dice", "Dice", organs, rows, true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        save(chart, png);
    }

    public void writeWeights(Path png, List<String> organs, List<MetricsLog.Row> rows) throws IOException {
        XYChart chart = chart("Loss weights (used in the next epoch)", "weight", organs, rows, false);
        double max = 1.0;
        for (MetricsLog.Row r : rows) for (double w : r.weights()) if (Double.isFinite(w)) max = Math.max(max, w);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(Math.ceil(max * 10) / 10);
        save(chart, png);
    }

    private XYChart chart(String title, String yTitle, List<String> organs, List<MetricsLog.Row> rows, boolean dice) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setMarkerSize(4);
        s.setAntiAlias(true);
        chart.getStyler().setXAxisDecimalPattern("0");

        double[] epochs = new double[Math.max(rows.size(), 1)];
        for (int i = 0; i < rows.size(); i++) epochs[i] = rows.get(i).epoch();
        for (int k = 0; k < organs.size(); k++) {
            double[] y = new double[epochs.length];
            java.util.Arrays.fill(y, Double.NaN);
            for (int i = 0; i < rows.size(); i++) {
                double[] values = dice ? rows.get(i).dice() : rows.get(i).weights();
                y[i] = values[k];
            }
            // XChart computes its axis range from the data, so a series of NaN only gets one
            // invisible point on the axis to keep its legend entry.
            if (allNaN(y)) {
                XYSeries series = chart.addSeries(organs.get(k) + " (no data)", new double[] {epochs[0]}, new double[] {0.0});
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(new Color(0, 0, 0, 0));
                continue;
            }
            XYSeries series = chart.addSeries(organs.get(k), epochs, y);
            series.setMarker(rows.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static boolean allNaN(double[] y) {
        for (double v : y) if (!Double.isNaN(v)) return false;
        return true;
    }

    private static void save(XYChart chart, Path png) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes);
    }

    private static Color[] palette(int... rgb) {
        Color[] c = new Color[rgb.length];
        for (int i = 0; i < rgb.length; i++) c[i] = new Color(rgb[i]);
        return c;
    }
}

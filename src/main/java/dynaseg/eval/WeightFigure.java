package dynaseg.eval;

import dynaseg.run.TrainingPlots;
import dynaseg.run.MetricsLog;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG that shows what a dynamic schedule did in a run: each organ's loss weight (top) and
 * validation Dice (bottom) over the epochs, one colour per organ in both panels, with a dashed
 * grey line at every epoch where the schedule changed the weights ({@code trigger} events). A
 * reader sees at once which organ was frozen or boosted when, and what its Dice did next, which
 * the run's separate dice.png and weights.png leave to the eye to line up. AWT runs headless.
 */
public final class WeightFigure {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color TRIGGER = new Color(90, 90, 90);

    private final int width;
    private final int panelHeight;

    /** A figure 1000 pixels wide, two panels of 380. */
    public WeightFigure() {
        this(1000, 380);
    }

    public WeightFigure(int width, int panelHeight) {
        if (width < 300 || panelHeight < 150) throw new IllegalArgumentException("figure too small: " + width + "x" + panelHeight);
        this.width = width;
        this.panelHeight = panelHeight;
    }

    /** Draws {@code run}'s weights and Dice from its metrics.csv and trigger epochs into {@code png}. */
    public void write(RunSummary run, Path png) throws IOException {
        List<MetricsLog.Row> rows = new MetricsLog(run.run().metrics(), run.organs()).read();
        String title = run.label() + ", seed " + run.seed() + " (" + run.run().root().getFileName() + ")";
        XYChart weights = panel(title + ": loss weight per organ", "weight", run.organs(), rows, false, run.events().triggerEpochs());
        XYChart dice = panel("validation Dice per organ; dashed: epochs where the schedule changed the weights", "Dice",
                run.organs(), rows, true, run.events().triggerEpochs());
        BufferedImage top = BitmapEncoder.getBufferedImage(weights);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(dice);
        BufferedImage both = new BufferedImage(width, top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, top.getHeight(), null);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(both, "png", png.toFile())) throw new IOException("no PNG writer for " + png);
    }

    private XYChart panel(String title, String yTitle, List<String> organs, List<MetricsLog.Row> rows, boolean dice,
            List<Integer> triggers) {
        XYChart chart = new XYChartBuilder().width(width).height(panelHeight).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setMarkerSize(4);
        s.setAntiAlias(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        double yMax = 1.0;
        if (!dice) for (MetricsLog.Row r : rows) for (double w : r.weights()) if (Double.isFinite(w)) yMax = Math.max(yMax, w);
        yMax = Math.ceil(yMax * 10) / 10;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(yMax);
        double[] epochs = rows.isEmpty() ? new double[] {1} : rows.stream().mapToDouble(MetricsLog.Row::epoch).toArray();
        for (int k = 0; k < organs.size(); k++) {
            double[] y = new double[epochs.length];
            java.util.Arrays.fill(y, Double.NaN);
            for (int i = 0; i < rows.size(); i++) y[i] = (dice ? rows.get(i).dice() : rows.get(i).weights())[k];
            boolean empty = java.util.Arrays.stream(y).allMatch(Double::isNaN);
            XYSeries series = chart.addSeries(organs.get(k) + (empty ? " (no data)" : ""), epochs,
                    empty ? new double[epochs.length] : y);
            Color colour = TrainingPlots.organColour(k); // the run plots' colours
            series.setLineColor(empty ? new Color(0, 0, 0, 0) : colour);
            series.setMarkerColor(empty ? new Color(0, 0, 0, 0) : colour);
            series.setMarker(empty || rows.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        for (int epoch : triggers) {
            XYSeries line = chart.addSeries("trigger " + epoch, new double[] {epoch, epoch}, new double[] {0, yMax});
            line.setLineColor(TRIGGER);
            line.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            line.setMarker(SeriesMarkers.NONE);
            line.setShowInLegend(false);
        }
        return chart;
    }

    /** The figure's file name in a report folder: {@code weights-<model>-<strategy>[-seed<n>].png}. */
    public static String fileName(RunSummary run, boolean withSeed) {
        String base = "weights-" + ReportWriter.slug(run.model()) + "-" + ReportWriter.slug(run.strategy());
        return base + (withSeed ? "-seed" + run.seed() : "") + ".png";
    }

}

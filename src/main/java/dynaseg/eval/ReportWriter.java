package dynaseg.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Table1Report} as {@code report.md} (stars and bold as markdown),
 * {@code report.csv} (plain numbers: Dice with 4 decimals, Voxels % with 3, empty when
 * unknown, and a {@code best_epoch} row) and {@code report.html} (the table, the runs, and each
 * run's Dice and weight plots copied to {@code plots/<column>-dice.png} next to it).
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** Writes the three files into {@code outDir} (created if needed); returns their paths. */
    public static List<Path> write(Table1Report report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path md = outDir.resolve("report.md");
        Path csv = outDir.resolve("report.csv");
        Path html = outDir.resolve("report.html");
        Files.writeString(md, markdown(report));
        Files.writeString(csv, csv(report));
        Files.writeString(html, html(report, outDir));
        return List.of(md, csv, html);
    }

    public static String markdown(Table1Report r) {
        StringBuilder sb = new StringBuilder("# Validation Dice per organ\n\n");
        sb.append("Best validation Dice of each run: the per-organ values at the epoch with the best mean Dice "
                + "(the epoch of its `best` checkpoint). Organs by share of labelled voxels. "
                + "`*` Dice < ").append(Table1Report.POOR).append(" in a baseline; **bold** beats the baseline of "
                + "the same model.\n\n");
        List<String> header = new ArrayList<>(List.of("Organ"));
        if (r.hasVoxelShares()) header.add("Voxels %");
        r.columns().forEach(c -> header.add(c.title()));
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i == 0 ? " --- |" : " ---: |");
        sb.append('\n');
        List<Table1Report.Row> rows = new ArrayList<>(r.rows());
        rows.add(r.mean());
        for (Table1Report.Row row : rows) {
            sb.append("| ").append(row.organ());
            if (r.hasVoxelShares()) sb.append(" | ").append(percent(row.voxelPercent()));
            for (int c = 0; c < r.columns().size(); c++) {
                String cell = Table1Report.dice(row.dice()[c]) + (r.starred(row, c) ? "*" : "");
                sb.append(" | ").append(r.bold(row, c) ? "**" + cell + "**" : cell);
            }
            sb.append(" |\n");
        }
        r.voxelNote().ifPresent(n -> sb.append("\nVoxels % omitted: ").append(n).append('\n'));
        sb.append("\n## Runs\n\n| Column | Folder | Model | Preset | Strategy | Baseline | Best epoch | Epochs |\n"
                + "| --- | --- | --- | --- | --- | --- | ---: | ---: |\n");
        for (Table1Report.Column c : r.columns()) {
            RunSummary s = c.run();
            sb.append("| ").append(c.title()).append(" | ").append(s.run().root()).append(" | ").append(s.model())
                    .append(" | ").append(s.preset()).append(" | ").append(s.strategy()).append(" | ")
                    .append(c.isBaseline() ? "yes" : c.baseline() == null ? "none" : "")
                    .append(" | ").append(s.bestEpoch()).append(" | ").append(s.epochs()).append(" |\n");
        }
        return sb.toString();
    }

    public static String csv(Table1Report r) {
        StringBuilder sb = new StringBuilder("organ");
        if (r.hasVoxelShares()) sb.append(",voxels_percent");
        for (Table1Report.Column c : r.columns()) sb.append(',').append(csvField(c.title()));
        sb.append('\n');
        List<Table1Report.Row> rows = new ArrayList<>(r.rows());
        rows.add(r.mean());
        for (Table1Report.Row row : rows) {
            sb.append(csvField(row == r.mean() ? "mean" : row.organ()));
            if (r.hasVoxelShares()) sb.append(',').append(number(row.voxelPercent(), 3));
            for (double d : row.dice()) sb.append(',').append(number(d, 4));
            sb.append('\n');
        }
        sb.append("best_epoch");
        if (r.hasVoxelShares()) sb.append(',');
        for (Table1Report.Column c : r.columns()) sb.append(',').append(c.run().bestEpoch());
        return sb.append('\n').toString();
    }

    public static String html(Table1Report r, Path outDir) throws IOException {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>dynaseg report</title>\n<style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
                + "td.n{text-align:right}img{max-width:48%}</style></head><body>\n"
                + "<h1>Validation Dice per organ</h1>\n<p>Best validation Dice of each run: the per-organ values at "
                + "the epoch with the best mean Dice. * Dice &lt; " + Table1Report.POOR + " in a baseline; "
                + "<b>bold</b> beats the baseline of the same model.</p>\n<table>\n<tr><th>Organ</th>");
        if (r.hasVoxelShares()) sb.append("<th>Voxels %</th>");
        for (Table1Report.Column c : r.columns()) sb.append("<th>").append(escape(c.title())).append("</th>");
        sb.append("</tr>\n");
        List<Table1Report.Row> rows = new ArrayList<>(r.rows());
        rows.add(r.mean());
        for (Table1Report.Row row : rows) {
            sb.append("<tr><td>").append(escape(row.organ())).append("</td>");
            if (r.hasVoxelShares()) sb.append("<td class=\"n\">").append(percent(row.voxelPercent())).append("</td>");
            for (int c = 0; c < r.columns().size(); c++) {
                String cell = Table1Report.dice(row.dice()[c]) + (r.starred(row, c) ? "*" : "");
                sb.append("<td class=\"n\">").append(r.bold(row, c) ? "<b>" + cell + "</b>" : cell).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        r.voxelNote().ifPresent(n -> sb.append("<p>Voxels % omitted: ").append(escape(n)).append("</p>\n"));
        sb.append("<h2>Runs</h2>\n");
        Path plots = outDir.resolve("plots");
        for (Table1Report.Column c : r.columns()) {
            RunSummary s = c.run();
            sb.append("<h3>").append(escape(c.title())).append("</h3>\n<p>").append(escape(s.run().root().toString()))
                    .append(": preset ").append(escape(s.preset())).append(", best epoch ").append(s.bestEpoch())
                    .append(" of ").append(s.epochs()).append("</p>\n<p>");
            String slug = slug(c.title());
            for (Path[] plot : new Path[][] {{s.run().dicePlot(), plots.resolve(slug + "-dice.png")},
                    {s.run().weightsPlot(), plots.resolve(slug + "-weights.png")}}) {
                if (Files.isRegularFile(plot[0])) {
                    Files.createDirectories(plots);
                    Files.copy(plot[0], plot[1], StandardCopyOption.REPLACE_EXISTING);
                    sb.append("<img src=\"plots/").append(plot[1].getFileName()).append("\" alt=\"")
                            .append(escape(c.title())).append("\">");
                } else {
                    sb.append("(no ").append(escape(plot[0].getFileName().toString())).append(") ");
                }
            }
            sb.append("</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A file-name-safe form of a column title. */
    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

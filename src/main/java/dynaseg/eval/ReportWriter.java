package dynaseg.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Table1Report} into a report folder:
 * <ul>
 *   <li>{@code report.md}: the table (mean over seeds, "± sd" when a column has several runs,
 *       stars and bold as markdown), what the cells are, skipped training steps, the paper's
 *       claims checked ({@link ClaimsWriter}) and the runs;</li>
 *   <li>{@code report.csv}: the means as plain numbers (Dice with 4 decimals, Voxels % with 3,
 *       empty when unknown) and a {@code best_epoch} row (seeds joined by {@code /});</li>
 *   <li>{@code report-stats.csv}: one row per column and organ (and {@code mean}) with mean, sample
 *       sd and n over seeds, so that report.csv keeps the paper's layout;</li>
 *   <li>{@code claims.csv}: the claims section as numbers;</li>
 *   <li>{@code report.html}: all of the above, each run's Dice and weight plots copied to
 *       {@code plots/<column>-dice.png}, and for every dynamic run its {@link WeightFigure}
 *       ({@code weights-<model>-<strategy>[-seed<n>].png}, also fit for a README).</li>
 * </ul>
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** Writes the files into {@code outDir} (created if needed); returns their paths. */
    public static List<Path> write(Table1Report report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<ClaimCheck> claims = ClaimCheck.all(report);
        List<Path> written = new ArrayList<>();
        written.add(write(outDir.resolve("report.md"), markdown(report, claims)));
        written.add(write(outDir.resolve("report.csv"), csv(report)));
        written.add(write(outDir.resolve("report-stats.csv"), statsCsv(report)));
        written.add(write(outDir.resolve("claims.csv"), ClaimsWriter.csv(claims)));
        List<Path> figures = weightFigures(report, outDir);
        String html = html(report, claims, outDir);
        written.add(write(outDir.resolve("report.html"), html));
        written.addAll(figures);
        removeStaleFigures(outDir, html);
        return written;
    }

    /**
     * Removes the figures an earlier report left in the same folder (another seed count names them
     * {@code -seed<n>}, a column may be gone), so that the folder holds what report.html shows.
     * Only files of the report's own naming are touched: {@code weights-*.png} and
     * {@code plots/*-dice.png}, {@code plots/*-weights.png}.
     */
    private static void removeStaleFigures(Path outDir, String html) throws IOException {
        java.util.Set<String> shown = java.util.regex.Pattern.compile("src=\"([^\"]+)\"").matcher(html).results()
                .map(m -> m.group(1)).collect(java.util.stream.Collectors.toSet());
        deleteUnshown(outDir, "", name -> name.startsWith("weights-") && name.endsWith(".png"), shown);
        deleteUnshown(outDir.resolve("plots"), "plots/", name -> name.endsWith("-dice.png") || name.endsWith("-weights.png"),
                shown);
    }

    private static void deleteUnshown(Path folder, String prefix, java.util.function.Predicate<String> ours,
            java.util.Set<String> shown) throws IOException {
        if (!Files.isDirectory(folder)) return;
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && ours.test(name) && !shown.contains(prefix + name)) Files.delete(f);
            }
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    /** Draws a {@link WeightFigure} for every run of a dynamic column; returns the PNGs. */
    public static List<Path> weightFigures(Table1Report report, Path outDir) throws IOException {
        List<Path> pngs = new ArrayList<>();
        WeightFigure figure = new WeightFigure();
        for (Table1Report.Column c : report.columns()) {
            if (!c.group().isDynamic()) continue;
            for (RunSummary r : c.runs()) {
                Path png = outDir.resolve(WeightFigure.fileName(r, c.runs().size() > 1));
                figure.write(r, png);
                pngs.add(png);
            }
        }
        return pngs;
    }

    public static String markdown(Table1Report r) {
        return markdown(r, ClaimCheck.all(r));
    }

    static String markdown(Table1Report r, List<ClaimCheck> claims) {
        StringBuilder sb = new StringBuilder("# Dice per organ\n\n");
        sb.append("Cells: ").append(r.scoreCaption()).append(". Each cell is the mean over the column's runs (seeds), "
                + "with ± sample sd when it has several. Organs by share of labelled voxels. "
                + "`*` mean Dice < ").append(Table1Report.POOR).append(" in a baseline; **bold** beats the baseline of "
                + "the same model.\n\n");
        List<String> header = new ArrayList<>(List.of("Organ"));
        if (r.hasVoxelShares()) header.add("Voxels %");
        r.columns().forEach(c -> header.add(c.title()));
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i == 0 ? " --- |" : " ---: |");
        sb.append('\n');
        for (Table1Report.Row row : allRows(r)) {
            sb.append("| ").append(row.organ());
            if (r.hasVoxelShares()) sb.append(" | ").append(percent(row.voxelPercent()));
            for (int c = 0; c < r.columns().size(); c++) {
                String cell = Table1Report.dice(row.dice()[c]) + (r.starred(row, c) ? "*" : "");
                sb.append(" | ").append(r.bold(row, c) ? "**" + cell + "**" : cell).append(spread(r, row, c));
            }
            sb.append(" |\n");
        }
        sb.append("| Runs").append(r.hasVoxelShares() ? " | " : "");
        for (Table1Report.Column c : r.columns()) sb.append(" | ").append(c.runs().size());
        sb.append(" |\n\n");
        for (String line : skippedSteps(r)) sb.append(line).append("  \n");
        r.voxelNote().ifPresent(n -> sb.append("\nVoxels % omitted: ").append(n).append('\n'));
        sb.append(ClaimsWriter.markdown(claims));
        sb.append("\n## Runs\n\n| Column | Folder | Model | Preset | Strategy | Baseline | Best epoch | Epochs "
                + "| Seed | Scored on | Skipped steps |\n| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | --- | ---: |\n");
        for (Table1Report.Column c : r.columns()) {
            for (RunSummary s : c.runs()) {
                sb.append("| ").append(c.title()).append(" | ").append(s.run().root()).append(" | ").append(s.model())
                        .append(" | ").append(s.preset()).append(" | ").append(s.strategy()).append(" | ")
                        .append(c.isBaseline() ? "yes" : c.baseline() == null ? "none" : "")
                        .append(" | ").append(s.bestEpoch()).append(" | ").append(s.epochs()).append(" | ").append(s.seed())
                        .append(" | ").append(scoredOn(s)).append(" | ").append(s.events().nonFiniteSteps()).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** " ± 0.012" when the cell has several runs; " (n=2)" too when fewer runs than the column score the organ. */
    private static String spread(Table1Report r, Table1Report.Row row, int c) {
        int runs = r.columns().get(c).runs().size();
        String s = Double.isNaN(row.sd()[c]) ? "" : " ± " + Table1Report.dice(row.sd()[c]);
        return row.n()[c] != runs && row.n()[c] > 0 ? s + " (n=" + row.n()[c] + ")" : s;
    }

    private static String scoredOn(RunSummary s) {
        return s.hasTestScores() ? s.test().cases().size() + " test cases" : "validation, epoch " + s.bestEpoch();
    }

    /** "run: N training steps skipped (non-finite)" per run with N &gt; 0, or one line saying none was. */
    public static List<String> skippedSteps(Table1Report r) {
        List<String> lines = new ArrayList<>();
        for (RunSummary s : r.runs()) {
            int n = s.events().nonFiniteSteps();
            if (n > 0) lines.add(s.run().root().getFileName() + ": " + n + " training step" + (n == 1 ? "" : "s")
                    + " skipped (non-finite)");
        }
        if (lines.isEmpty()) lines.add("No training step skipped (no non-finite loss or gradient in any run).");
        return lines;
    }

    public static String csv(Table1Report r) {
        StringBuilder sb = new StringBuilder("organ");
        if (r.hasVoxelShares()) sb.append(",voxels_percent");
        for (Table1Report.Column c : r.columns()) sb.append(',').append(csvField(c.title()));
        sb.append('\n');
        for (Table1Report.Row row : allRows(r)) {
            sb.append(csvField(row == r.mean() ? "mean" : row.organ()));
            if (r.hasVoxelShares()) sb.append(',').append(number(row.voxelPercent(), 3));
            for (double d : row.dice()) sb.append(',').append(number(d, 4));
            sb.append('\n');
        }
        sb.append("best_epoch");
        if (r.hasVoxelShares()) sb.append(',');
        for (Table1Report.Column c : r.columns()) {
            sb.append(',').append(String.join("/", c.runs().stream().map(s -> Integer.toString(s.bestEpoch())).toList()));
        }
        return sb.append('\n').toString();
    }

    /** {@code column,model,strategy,organ,mean,sd,n,scores}: the spread over seeds of every cell. */
    public static String statsCsv(Table1Report r) {
        StringBuilder sb = new StringBuilder("column,model,strategy,organ,mean,sd,n,scores\n");
        for (int c = 0; c < r.columns().size(); c++) {
            Table1Report.Column col = r.columns().get(c);
            String scores = col.runs().stream().allMatch(RunSummary::hasTestScores) ? "test"
                    : col.runs().stream().noneMatch(RunSummary::hasTestScores) ? "validation" : "mixed";
            for (Table1Report.Row row : allRows(r)) {
                sb.append(csvField(col.title())).append(',').append(csvField(col.group().model())).append(',')
                        .append(csvField(col.group().strategy())).append(',')
                        .append(csvField(row == r.mean() ? "mean" : row.organ())).append(',')
                        .append(number(row.dice()[c], 6)).append(',').append(number(row.sd()[c], 6)).append(',')
                        .append(row.n()[c]).append(',').append(scores).append('\n');
            }
        }
        return sb.toString();
    }

    static String html(Table1Report r, List<ClaimCheck> claims, Path outDir) throws IOException {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>dynaseg report</title>\n<style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
                + "td.n{text-align:right}img{max-width:48%}img.w{max-width:100%}small{color:#555}</style></head><body>\n"
                + "<h1>Dice per organ</h1>\n<p>Cells: " + escape(r.scoreCaption()) + ". Each cell is the mean over the "
                + "column's runs (seeds); ± sample sd and n below it when a column has several runs. * mean Dice &lt; "
                + Table1Report.POOR + " in a baseline; <b>bold</b> beats the baseline of the same model.</p>\n"
                + "<table>\n<tr><th>Organ</th>");
        if (r.hasVoxelShares()) sb.append("<th>Voxels %</th>");
        for (Table1Report.Column c : r.columns()) sb.append("<th>").append(escape(c.title())).append("</th>");
        sb.append("</tr>\n");
        for (Table1Report.Row row : allRows(r)) {
            sb.append("<tr><td>").append(escape(row.organ())).append("</td>");
            if (r.hasVoxelShares()) sb.append("<td class=\"n\">").append(percent(row.voxelPercent())).append("</td>");
            for (int c = 0; c < r.columns().size(); c++) {
                String cell = Table1Report.dice(row.dice()[c]) + (r.starred(row, c) ? "*" : "");
                sb.append("<td class=\"n\">").append(r.bold(row, c) ? "<b>" + cell + "</b>" : cell);
                if (r.columns().get(c).runs().size() > 1) {
                    sb.append("<br><small>± ").append(Table1Report.dice(row.sd()[c])).append(", n=").append(row.n()[c])
                            .append("</small>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("<tr><td>Runs</td>").append(r.hasVoxelShares() ? "<td></td>" : "");
        for (Table1Report.Column c : r.columns()) sb.append("<td class=\"n\">").append(c.runs().size()).append("</td>");
        sb.append("</tr>\n</table>\n<p>");
        sb.append(String.join("<br>\n", skippedSteps(r).stream().map(ReportWriter::escape).toList())).append("</p>\n");
        r.voxelNote().ifPresent(n -> sb.append("<p>Voxels % omitted: ").append(escape(n)).append("</p>\n"));
        sb.append(ClaimsWriter.html(claims));
        sb.append("<h2>Runs</h2>\n");
        Path plots = outDir.resolve("plots");
        for (Table1Report.Column c : r.columns()) {
            for (RunSummary s : c.runs()) {
                sb.append("<h3>").append(escape(c.title())).append(c.runs().size() > 1 ? ", seed " + s.seed() : "")
                        .append("</h3>\n<p>").append(escape(s.run().root().toString())).append(": preset ")
                        .append(escape(s.preset())).append(", seed ").append(s.seed()).append(", best epoch ")
                        .append(s.bestEpoch()).append(" of ").append(s.epochs()).append(", scored on ")
                        .append(escape(scoredOn(s))).append(", ").append(s.events().nonFiniteSteps())
                        .append(" steps skipped</p>\n");
                if (c.group().isDynamic()) {
                    String png = WeightFigure.fileName(s, c.runs().size() > 1);
                    sb.append("<p><img class=\"w\" src=\"").append(png).append("\" alt=\"weights and Dice of ")
                            .append(escape(c.title())).append("\"><br>Trigger epochs: ")
                            .append(s.events().triggerEpochs().isEmpty() ? "none" : s.events().triggerEpochs().toString())
                            .append("</p>\n");
                }
                sb.append("<p>");
                String slug = slug(c.title()) + (c.runs().size() > 1 ? "-seed" + s.seed() : "");
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
        }
        return sb.append("</body></html>\n").toString();
    }

    private static List<Table1Report.Row> allRows(Table1Report r) {
        List<Table1Report.Row> rows = new ArrayList<>(r.rows());
        rows.add(r.mean());
        return rows;
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

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

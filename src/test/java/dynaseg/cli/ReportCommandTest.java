package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import dynaseg.run.MetricsLog;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynaseg report} on fake runs (config.yaml + metrics.csv written with RunConfig and
 * MetricsLog) over a tiny MSD dataset whose label maps hold liver 60 %, spleen 30 %, adrenal 10 %
 * of the labelled voxels: exact report.csv and report.md, stars and bold.
 */
class ReportCommandTest {
    @TempDir Path dir;
    private Path data;

    private static final List<String> ORGANS = List.of("spleen", "liver", "adrenal");

    @BeforeEach
    void dataset() throws IOException {
        data = dir.resolve("data");
        Files.createDirectories(data.resolve("imagesTr"));
        Files.createDirectories(data.resolve("labelsTr"));
        Geometry g = Geometry.axisAligned(5, 5, 4, 1, 1, 1);
        int[][] counts = {{20, 40, 5}, {10, 20, 5}}; // spleen, liver, adrenal per case
        StringBuilder training = new StringBuilder();
        for (int c = 0; c < 2; c++) {
            byte[] v = new byte[100];
            int i = 0;
            for (int label = 1; label <= 3; label++) for (int n = 0; n < counts[c][label - 1]; n++) v[i++] = (byte) label;
            Nifti.writeLabels(new LabelMap(g, v), data.resolve("labelsTr/c" + c + ".nii.gz"));
            Nifti.writeVolume(new Volume(g, new float[100]), data.resolve("imagesTr/c" + c + ".nii.gz"), "int16");
            training.append(c == 0 ? "" : ",").append("{\"image\": \"./imagesTr/c").append(c)
                    .append(".nii.gz\", \"label\": \"./labelsTr/c").append(c).append(".nii.gz\"}");
        }
        Files.writeString(data.resolve("dataset.json"), "{\"labels\": {\"0\": \"background\", \"1\": \"spleen\", "
                + "\"2\": \"liver\", \"3\": \"adrenal\"}, \"training\": [" + training + "]}");
    }

    /** A run folder; each row is the Dice of spleen, liver, adrenal for epochs 1, 2, ... */
    private Path fakeRun(String name, String model, String strategy, double[]... dice) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("runs").resolve(name));
        RunConfig config = new RunConfig();
        config.setModel(model);
        config.setStrategy(strategy);
        config.setDataDirs(List.of(data.toString()));
        config.write(run.config());
        MetricsLog log = new MetricsLog(run.metrics(), ORGANS);
        for (int e = 0; e < dice.length; e++) log.append(MetricsLog.Row.of(e + 1, 0.5, 1e-4, 10, dice[e], new double[] {1, 1, 1}));
        Files.write(run.dicePlot(), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return run.root();
    }

    private Path unetNone() throws IOException {
        return fakeRun("a", "unet3d", "none", new double[] {0.7, 0.9, 0.5}, new double[] {0.85, 0.95, 0.6},
                new double[] {0.9, 0.5, 0.55});
    }

    private Path unetCbs() throws IOException {
        return fakeRun("b", "unet3d", "cbs", new double[] {0.86, 0.95, 0.7}, new double[] {0.80, 0.96, 0.65});
    }

    private Path unetrTcf() throws IOException {
        return fakeRun("c", "unetr", "tcf", new double[] {0.7, 0.8, 0.4});
    }

    @Test
    void csvAndMarkdownAreExact() throws IOException {
        Path a = unetNone(), b = unetCbs(), c = unetrTcf();
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of("report", b.toString(), c.toString(), a.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(String.join("\n",
                "organ,voxels_percent,unet3d none,unet3d cbs,unetr tcf",
                "liver,60.000,0.9500,0.9500,0.8000",
                "spleen,30.000,0.8500,0.8600,0.7000",
                "adrenal,10.000,0.6000,0.7000,0.4000",
                "mean,,0.8000,0.8367,0.6333",
                "best_epoch,,2,1,1", ""), Files.readString(out.resolve("report.csv")));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains(String.join("\n",
                "| Organ | Voxels % | unet3d none | unet3d cbs | unetr tcf |",
                "| --- | ---: | ---: | ---: | ---: |",
                "| liver | 60.00 | 0.950 | 0.950 | 0.800 |",
                "| spleen | 30.00 | 0.850 | **0.860** | 0.700 |",
                "| adrenal | 10.00 | 0.600* | **0.700** | 0.400 |",
                "| Mean |  | 0.800 | **0.837** | 0.633 |", "")), md);
        assertTrue(md.contains("| unet3d none | " + a + " | unet3d | cpu | none | yes | 2 | 3 |"), md);
        assertTrue(md.contains("| unetr tcf | " + c + " | unetr | cpu | tcf | none | 1 | 1 |"), md);
        assertTrue(r.out().contains("| spleen | 30.00 |"), r.out());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<td class=\"n\"><b>0.700</b></td>") && html.contains("<td class=\"n\">0.600*</td>"), html);
        assertTrue(html.contains("<img src=\"plots/unet3d_cbs-dice.png\""), html);
        assertTrue(Files.isRegularFile(out.resolve("plots/unet3d_cbs-dice.png")));
        assertTrue(html.contains("(no weights.png)"), html);
    }

    /** A report folder reused for other runs keeps no figure of the earlier report, and nothing of the user's. */
    @Test
    void aReusedReportFolderKeepsOnlyWhatTheReportShows() throws IOException {
        Path a = unetNone(), b = unetCbs();
        Path out = dir.resolve("reused");
        Files.createDirectories(out.resolve("plots"));
        Path staleWeights = Files.write(out.resolve("weights-unet3d-cbs-seed3.png"), new byte[] {1});
        Path stalePlot = Files.write(out.resolve("plots/unetr_tcf-dice.png"), new byte[] {1});
        Path users = Files.write(out.resolve("notes.png"), new byte[] {1});
        Path usersPlot = Files.write(out.resolve("plots/overview.png"), new byte[] {1});
        CommandRun r = CommandRun.of("report", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("src=\"weights-unet3d-cbs.png\"") && Files.isRegularFile(out.resolve("weights-unet3d-cbs.png")), html);
        assertTrue(Files.isRegularFile(out.resolve("plots/unet3d_cbs-dice.png")));
        assertTrue(Files.notExists(staleWeights) && Files.notExists(stalePlot), "stale figures removed");
        assertTrue(Files.isRegularFile(users) && Files.isRegularFile(usersPlot), "other files kept");
    }

    @Test
    void explicitBaselineReplacesTheNoneRunOfItsModel() throws IOException {
        Path a = unetNone(), b = unetCbs();
        Path other = fakeRun("d", "unet3d", "prevalence", new double[] {0.855, 0.97, 0.75});
        Path out = dir.resolve("out2");
        CommandRun r = CommandRun.of("report", a.toString(), b.toString(), "--baseline", other.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(String.join("\n",
                "organ,voxels_percent,unet3d prevalence,unet3d none,unet3d cbs",
                "liver,60.000,0.9700,0.9500,0.9500",
                "spleen,30.000,0.8550,0.8500,0.8600",
                "adrenal,10.000,0.7500,0.6000,0.7000",
                "mean,,0.8583,0.8000,0.8367",
                "best_epoch,,1,2,1", ""), Files.readString(out.resolve("report.csv")));
        String md = Files.readString(out.resolve("report.md"));
        // 0.855 shows as 0.855 (baseline) vs 0.860: bold; nothing else beats it; the baseline's 0.750 gets a star
        assertTrue(md.contains("| spleen | 30.00 | 0.855 | 0.850 | **0.860** |"), md);
        assertTrue(md.contains("| adrenal | 10.00 | 0.750* | 0.600 | 0.700 |"), md);
        assertTrue(md.contains("| Mean |  | 0.858 | 0.800 | 0.837 |"), md);
    }

    @Test
    void missingTrainingDataOmitsTheVoxelColumnWithANote() throws IOException {
        Path a = unetNone(), b = unetCbs();
        Files.delete(data.resolve("dataset.json"));
        Path out = dir.resolve("out3");
        CommandRun r = CommandRun.of("report", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("report.csv"));
        assertEquals("organ,unet3d none,unet3d cbs", csv.get(0));
        assertEquals("spleen,0.8500,0.8600", csv.get(1), "first run's organ order without shares");
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| Organ | unet3d none | unet3d cbs |"), md);
        assertTrue(md.contains("Voxels % omitted: training data of " + a), md);
    }

    @Test
    void aSkippedTrainingCaseIsAWarningAndTheRestCounts() throws IOException {
        Path a = unetNone();
        Files.delete(data.resolve("labelsTr/c1.nii.gz"));
        Path out = dir.resolve("out4");
        CommandRun r = CommandRun.of("report", a.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: Voxels % skips") && r.err().contains("c1"), r.err());
        List<String> csv = Files.readAllLines(out.resolve("report.csv"));
        // case c0 alone: spleen 20, liver 40, adrenal 5 of 65 voxels
        assertEquals("liver,61.538,0.9500", csv.get(1));
        assertEquals("adrenal,7.692,0.6000", csv.get(3));
    }

    @Test
    void aFolderWithoutMetricsIsAnErrorNamingTheFile() throws IOException {
        Path empty = dir.resolve("runs/empty");
        Files.createDirectories(empty);
        new RunConfig().write(empty.resolve("config.yaml"));
        CommandRun r = CommandRun.of("report", empty.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("metrics.csv"), r.err());
    }
}

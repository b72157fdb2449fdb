package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.eval.FakeRuns;
import dynaseg.testutil.CommandRun;
import dynaseg.run.MetricsLog;
import dynaseg.run.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynaseg report} over seed repetitions with held-out test scores: one column per model and
 * strategy with mean ± sd, the test caption, the claims section and claims.csv, the skipped-step
 * line and a weight figure per dynamic run.
 */
class ReportSeedsCommandTest {
    @TempDir Path dir;
    private static final List<String> ORGANS = List.of("liver", "pancreas");

    private Path run(String name, String strategy, long seed, double[][] test) throws IOException {
        Path r = FakeRuns.run(dir.resolve("runs").resolve(name), "unetr", strategy, seed, ORGANS, List.of(),
                new double[] {0.5, 0.3}, new double[] {0.9, 0.6});
        FakeRuns.testScores(r, ORGANS, test);
        return r;
    }

    @Test
    void seedsTestScoresClaimsSkippedStepsAndWeightFigures() throws IOException {
        Path n1 = run("none-1", "none", 1, new double[][] {{0.90, 0.50}, {0.80, 0.40}, {0.85, 0.45}});
        Path n2 = run("none-2", "none", 2, new double[][] {{0.92, 0.52}, {0.82, 0.38}, {0.86, 0.47}});
        Path c1 = run("cbs-1", "cbs", 1, new double[][] {{0.91, 0.60}, {0.80, 0.50}, {0.86, 0.52}});
        Path c2 = run("cbs-2", "cbs", 2, new double[][] {{0.93, 0.58}, {0.83, 0.47}, {0.86, 0.55}});
        // cbs-1 had a schedule: weights change after epoch 1, and two skipped steps
        RunDirectory cbs1 = new RunDirectory(c1);
        MetricsLog log = new MetricsLog(cbs1.metrics(), ORGANS);
        Files.delete(cbs1.metrics());
        log.append(MetricsLog.Row.of(1, 0.5, 1e-4, 10, new double[] {0.5, 0.3}, new double[] {0.1, 1.6}));
        log.append(MetricsLog.Row.of(2, 0.4, 1e-4, 10, new double[] {0.9, 0.6}, new double[] {0.1, 1.6}));
        FakeRuns.event(c1, "trigger", Map.of("epoch", 1));
        FakeRuns.event(c1, "nonfinite_loss", Map.of("epoch", 1, "step", 2));
        FakeRuns.event(c1, "nonfinite_gradient", Map.of("epoch", 2, "step", 5));
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of("report", n1.toString(), c1.toString(), n2.toString(), c2.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());

        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("Cells: Dice on 3 held-out test cases."), md);
        // liver none: seed means 0.85 and 0.8667 -> 0.858 ± 0.012; cbs 0.8567, 0.8733 -> 0.865 ± 0.012;
        // pancreas none 0.45, 0.4567 -> 0.453* ± 0.005; cbs 0.54, 0.5333 -> 0.537 ± 0.005
        assertTrue(md.contains("| Organ | unetr none | unetr cbs |"), md);
        assertTrue(md.contains("| liver | 0.858 ± 0.012 | **0.865** ± 0.012 |"), md);
        assertTrue(md.contains("| pancreas | 0.453* ± 0.005 | **0.537** ± 0.005 |"), md);
        assertTrue(md.contains("| Runs | 2 | 2 |"), md);
        assertTrue(md.contains("cbs-1: 2 training steps skipped (non-finite)"), md);
        assertTrue(md.contains("## The paper's claims, checked"), md);
        // d per (seed, case) = 0.055, 0.05, 0.04, 0.035, 0.05, 0.04; scipy t.interval: (0.03687, 0.05313).
        // Only pancreas is poor in the baseline (liver 0.858).
        assertTrue(md.contains("| unetr | cbs vs none | +0.045 [+0.037, +0.053] | 6 (2) | seed × test case | 1 of 1 "
                + "| 0.777 → 0.792 | +0.015 | 8 of 8 | agrees (higher) |"), md);

        List<String> claims = Files.readAllLines(out.resolve("claims.csv"));
        assertEquals(2, claims.size(), claims.toString());
        assertTrue(claims.get(1).startsWith("unetr,cbs,none,seed_case,6,2,0.045000,"), claims.get(1));
        assertTrue(claims.get(1).contains(",0.036871,0.053129,1,1,"), claims.get(1));
        assertTrue(claims.get(1).endsWith(",0.777000,0.792000,0.015000,8,8,agrees"), claims.get(1));

        List<String> stats = Files.readAllLines(out.resolve("report-stats.csv"));
        assertEquals("column,model,strategy,organ,mean,sd,n,scores", stats.get(0));
        assertTrue(stats.contains("unetr none,unetr,none,liver,0.858333,0.011785,2,test"), stats.toString());
        assertEquals("best_epoch,2/2,2/2", Files.readAllLines(out.resolve("report.csv")).get(4));

        for (String png : List.of("weights-unetr-cbs-seed1.png", "weights-unetr-cbs-seed2.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(1000, img.getWidth(), png);
            assertEquals(760, img.getHeight(), png);
        }
        assertTrue(Files.notExists(out.resolve("weights-unetr-none-seed1.png")), "no figure for a static strategy");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<img class=\"w\" src=\"weights-unetr-cbs-seed1.png\""), html);
        assertTrue(html.contains("Trigger epochs: [1]"), html);
        assertTrue(html.contains("<br><small>± 0.012, n=2</small>"), html);
        assertTrue(html.contains("The paper&#39;s claims, checked") || html.contains("The paper's claims, checked"), html);
    }
}

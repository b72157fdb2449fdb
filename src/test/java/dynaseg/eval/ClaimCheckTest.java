package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed grouping, test-score preference and its caption, pairing over seed and test case, the
 * paper's figures, verdicts, trigger epochs and skipped steps, on run folders written by the
 * project's writers ({@link FakeRuns}).
 */
class ClaimCheckTest {
    @TempDir Path dir;
    private static final List<String> ORGANS = List.of("liver", "pancreas");

    private RunSummary read(Path p) throws IOException {
        return RunSummary.read(p);
    }

    private Path run(String name, String strategy, long seed, double... bestDice) throws IOException {
        return FakeRuns.run(dir.resolve(name), "unetr", strategy, seed, ORGANS, List.of(), new double[] {0.1, 0.1}, bestDice);
    }

    @Test
    void runsOfOneModelAndStrategyAreOneColumnWithMeanSdAndN() throws IOException {
        List<RunSummary> runs = List.of(read(run("n1", "none", 1, 0.9, 0.5)), read(run("c1", "cbs", 1, 0.9, 0.6)),
                read(run("n2", "none", 2, 0.8, 0.7)), read(run("n3", "none", 3, 0.7, 0.6)));
        Table1Report t = Table1Report.build(runs, List.of(), null, "none");
        assertEquals(2, t.columns().size(), "three none runs are one column");
        assertEquals(3, t.columns().get(0).runs().size());
        Table1Report.Row liver = t.rows().get(0);
        assertEquals(0.8, liver.dice()[0], 1e-12);
        assertEquals(0.1, liver.sd()[0], 1e-12, "sample sd of 0.9, 0.8, 0.7");
        assertEquals(3, liver.n()[0]);
        assertEquals(1, liver.n()[1]);
        assertTrue(Double.isNaN(liver.sd()[1]));
        // Mean row: mean over runs of each run's organ mean: (0.7 + 0.75 + 0.65) / 3
        assertEquals(0.7, t.mean().dice()[0], 1e-12);
        assertTrue(t.starred(t.rows().get(1), 0), "pancreas mean 0.6 < 0.8 in the baseline");
        assertFalse(t.bold(t.rows().get(1), 1), "pancreas 0.600 vs the baseline mean 0.600: not bold");
        assertTrue(t.bold(t.rows().get(0), 1), "liver 0.9 beats the mean 0.8");
    }

    @Test
    void testScoresWinOverValidationAndTheCaptionSaysSo() throws IOException {
        Path a = run("a", "none", 1, 0.9, 0.5);
        Path b = run("b", "cbs", 1, 0.95, 0.9);
        RunSummary validationOnly = read(a);
        assertEquals(ScoreCaption.VALIDATION, Table1Report.build(List.of(validationOnly), List.of(), null, "").scoreCaption());
        FakeRuns.testScores(a, ORGANS, new double[][] {{0.8, Double.NaN}, {0.6, 0.4}, {0.7, 0.3}});
        FakeRuns.testScores(b, ORGANS, new double[][] {{0.85, 0.2}, {0.65, 0.5}, {0.75, Double.NaN}});
        RunSummary ra = read(a);
        assertEquals(0.7, ra.score("liver"), 1e-12, "mean over the three test cases, not the validation 0.9");
        assertEquals(0.35, ra.score("pancreas"), 1e-12, "NaN case skipped");
        Table1Report t = Table1Report.build(List.of(ra, read(b)), List.of(), null, "");
        assertEquals("Dice on 3 held-out test cases", t.scoreCaption());
        Path c = FakeRuns.run(dir.resolve("c"), "unet3d", "none", 1, ORGANS, List.of(), new double[] {0.5, 0.5});
        String mixed = Table1Report.build(List.of(ra, read(c)), List.of(), null, "").scoreCaption();
        assertTrue(mixed.startsWith("mixed scores") && mixed.contains("unet3d none (c)") && mixed.contains(ScoreCaption.VALIDATION), mixed);
    }

    @Test
    void pairsAreSeedAndTestCaseWithOrgansMissingOnEitherSideSkipped() throws IOException {
        Path n1 = run("n1", "none", 1, 0.5, 0.5), c1 = run("c1", "cbs", 1, 0.5, 0.5);
        Path n2 = run("n2", "none", 2, 0.5, 0.5), c2 = run("c2", "cbs", 2, 0.5, 0.5);
        Path c3 = run("c3", "cbs", 3, 0.5, 0.5);
        double nan = Double.NaN;
        FakeRuns.testScores(n1, ORGANS, new double[][] {{0.8, 0.4}, {0.6, nan}});
        FakeRuns.testScores(c1, ORGANS, new double[][] {{0.9, 0.5}, {0.6, 0.9}});
        FakeRuns.testScores(n2, ORGANS, new double[][] {{0.7, 0.3}, {0.5, 0.5}});
        FakeRuns.testScores(c2, ORGANS, new double[][] {{0.7, 0.4}, {0.4, 0.5}});
        FakeRuns.testScores(c3, ORGANS, new double[][] {{1, 1}, {1, 1}});
        List<RunSummary> runs = List.of(read(n1), read(c1), read(n2), read(c2), read(c3));
        Table1Report t = Table1Report.build(runs, List.of(), null, "");
        PairedDifferences p = PairedDifferences.of(t.columns().get(1).group(), t.columns().get(0).group(), t.organs());
        assertTrue(p.testCases());
        assertEquals(2, p.seeds());
        // seed 1: case 0 (0.7 - 0.6), case 1 pancreas NaN in none -> liver only (0.6 - 0.6); seed 2: 0.05, -0.05
        double[] d = p.d();
        assertEquals(4, d.length);
        assertEquals(0.1, d[0], 1e-12);
        assertEquals(0.0, d[1], 1e-12);
        assertEquals(0.05, d[2], 1e-12);
        assertEquals(-0.05, d[3], 1e-12);
        assertEquals(List.of("c3 (seed 3)"), p.unpaired());
    }

    @Test
    void withoutTestScoresOnePairPerSeedFromValidation() throws IOException {
        List<RunSummary> runs = List.of(read(run("n1", "none", 1, 0.8, 0.4)), read(run("c1", "tcf", 1, 0.9, 0.4)));
        Table1Report t = Table1Report.build(runs, List.of(), null, "");
        ClaimCheck c = ClaimCheck.all(t).get(0);
        assertFalse(c.pairs().testCases());
        assertEquals(1, c.interval().n());
        assertEquals(0.05, c.interval().mean(), 1e-12);
        assertEquals(Verdict.CANNOT_TELL, c.verdict());
        assertEquals("cannot tell: one pair", c.verdictText());
        assertEquals(1, c.poor(), "pancreas 0.4 < 0.8");
        assertEquals(0, c.poorRaised(), "0.4 -> 0.4 is not raised");
        assertEquals(0.787 - 0.777, c.paper().orElseThrow().change(), 1e-12, "UNETR TCF as printed");
    }

    @Test
    void verdictsFollowTheIntervalAndThePapersSide() {
        PairedInterval up = new PairedInterval(5, 0.02, 0.01, 0.01, 0.03);
        PairedInterval down = new PairedInterval(5, -0.02, 0.01, -0.03, -0.01);
        PairedInterval zero = new PairedInterval(5, 0.0, 0.01, -0.01, 0.01);
        PairedInterval one = PairedInterval.of(new double[] {0.2});
        assertEquals(Verdict.AGREES, Verdict.of(up, 0.015));
        assertEquals(Verdict.DISAGREES, Verdict.of(up, -0.012));
        assertEquals(Verdict.AGREES, Verdict.of(down, -0.012), "PCF lowered the mean in the paper");
        assertEquals(Verdict.DISAGREES, Verdict.of(down, 0.015));
        assertEquals(Verdict.CANNOT_TELL, Verdict.of(zero, 0.015));
        assertEquals(Verdict.CANNOT_TELL, Verdict.of(one, 0.015));
        assertEquals(Verdict.NO_CLAIM, Verdict.of(up, Double.NaN));
        assertEquals("agrees (higher)", Verdict.explain(up, 0.015));
        assertEquals("cannot tell: interval contains 0", Verdict.explain(zero, 0.015));
    }

    @Test
    void papersFiguresComeFromItsTable() {
        PaperTable1 paper = PaperTable1.printed();
        PaperTable1.Figure cbs = paper.figure("unetr", "cbs").orElseThrow();
        assertEquals(0.777, cbs.baselineMean(), 0);
        assertEquals(0.792, cbs.ruleMean(), 0);
        assertEquals(8, cbs.poor());
        assertEquals(8, cbs.raised(), "CBS raised all 8 poor UNETR organs");
        assertFalse(cbs.meanDiscrepancy());
        PaperTable1.Figure unet = paper.figure("unet3d", "cbs").orElseThrow();
        assertEquals(0.484, unet.baselineMean(), 0);
        assertEquals(0.521, unet.baselineCellMean(), 0.0005);
        assertEquals(0.562, unet.ruleCellMean(), 0.0005);
        assertTrue(unet.meanDiscrepancy());
        assertEquals(0.725 - 0.707, paper.figure("lambda3d", "cbs").orElseThrow().change(), 1e-12);
        assertTrue(paper.figure("unetr", "pcf").orElseThrow().change() < 0);
        assertTrue(paper.figure("unet3d", "tcf").isEmpty());
        assertTrue(paper.figure("unetr", "cbs-cumulative").isEmpty());
    }

    @Test
    void triggerEpochsAndNonFiniteStepsComeFromEvents() throws IOException {
        Path r = run("r", "cbs", 1, 0.5, 0.5);
        FakeRuns.event(r, "start", Map.of());
        FakeRuns.event(r, "nonfinite_loss", Map.of("epoch", 1, "step", 3));
        FakeRuns.event(r, "trigger", Map.of("epoch", 6, "weights_before", Map.of("liver", 1), "weights_after", Map.of("liver", 0.1)));
        FakeRuns.event(r, "nonfinite_gradient", Map.of("epoch", 7, "step", 1));
        FakeRuns.event(r, "validation", Map.of("epoch", 7));
        FakeRuns.event(r, "trigger", Map.of("epoch", 11));
        FakeRuns.event(r, "nonfinite_loss", Map.of("epoch", 12, "step", 2));
        RunSummary s = read(r);
        assertEquals(List.of(6, 11), s.events().triggerEpochs());
        assertEquals(3, s.events().nonFiniteSteps());
        RunSummary quiet = read(run("q", "none", 1, 0.5, 0.5));
        assertEquals(0, quiet.events().nonFiniteSteps());
        Table1Report t = Table1Report.build(List.of(quiet), List.of(), null, "");
        assertEquals(List.of("No training step skipped (no non-finite loss or gradient in any run)."), ReportWriter.skippedSteps(t));
        Table1Report both = Table1Report.build(List.of(quiet, s), List.of(), null, "");
        assertEquals(List.of("r: 3 training steps skipped (non-finite)"), ReportWriter.skippedSteps(both));
    }
}

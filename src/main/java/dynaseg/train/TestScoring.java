package dynaseg.train;

import dynaseg.eval.CaseEvaluation;
import dynaseg.eval.EvaluationResult;
import dynaseg.eval.EvaluationWriter;
import dynaseg.eval.OrganScores;
import dynaseg.infer.Predictor;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dynaseg.run.RunDirectory;
import dynaseg.run.MetricsLog;
import dynaseg.io.AtomicFiles;

/**
 * The end of a run with held-out test cases: the best checkpoint predicts each test case on its
 * own grid, as {@code dynaseg predict} would, and the predictions are scored against the truth
 * with Dice, HD95 and NSD, as {@code dynaseg evaluate} would. Writes {@code test/predictions/<case>.nii.gz},
 * {@code test/evaluation.json} and {@code test/evaluation.csv} in the run folder (the files that
 * {@code report} prefers to validation scores). The test cases took no part in training,
 * validation or the choice of the best epoch, so these are the run's unbiased scores.
 */
final class TestScoring {
    /** NSD tolerance, as {@code dynaseg evaluate}'s default. */
    static final double TOLERANCE_MM = 1.0;

    private TestScoring() {}

    /** Predicts and scores the test cases; returns the mean over organs of their mean Dice (NaN organs skipped). */
    static double run(RunDirectory run, List<TrainingData.TestCase> cases, List<String> organs, PrintStream out)
            throws IOException {
        Path predictions = run.testDir().resolve("predictions");
        Files.createDirectories(predictions);
        List<CaseEvaluation> scored = new ArrayList<>();
        long start = System.nanoTime();
        try (Predictor predictor = Predictor.builder(run.root()).optCheckpoint(RunDirectory.BEST).build()) {
            for (TrainingData.TestCase c : cases) {
                LabelMap predicted = predictor.predict(c.reader().readImage(c.ref()));
                Nifti.writeLabels(predicted, predictions.resolve(c.id() + ".nii.gz"));
                LabelMap truth = c.reader().readLabels(c.ref());
                scored.add(CaseEvaluation.evaluate(c.id(), predicted, truth, TOLERANCE_MM, organs.size()));
            }
        }
        EvaluationResult result = new EvaluationResult(organs, scored,
                EvaluationResult.meansOf(scored, organs.size()), TOLERANCE_MM, List.of());
        AtomicFiles.writeString(run.testEvaluation(), EvaluationWriter.json(result));
        AtomicFiles.writeString(run.testDir().resolve("evaluation.csv"), EvaluationWriter.csv(result));
        double meanDice = MetricsLog.nanMean(result.means().stream().mapToDouble(OrganScores::dice).toArray());
        out.printf(Locale.ROOT, "test: %d held-out cases scored with the best checkpoint in %.1f s; mean Dice %.4f (%s)%n",
                cases.size(), (System.nanoTime() - start) / 1e9, meanDice, run.testEvaluation());
        return meanDice;
    }
}

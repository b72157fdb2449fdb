package dynaseg.eval;

import dynaseg.run.EventLog;
import dynaseg.run.MetricsLog;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run folders for report tests, written with the project's own writers: config.yaml (RunConfig),
 * metrics.csv (MetricsLog), events.jsonl (EventLog) and test/evaluation.json (EvaluationWriter).
 */
public final class FakeRuns {
    private FakeRuns() {}

    /** A run folder; {@code dice[e]} are the organs' validation Dice of epoch e + 1, weights all 1. */
    public static Path run(Path dir, String model, String strategy, long seed, List<String> organs, List<String> dataDirs,
            double[]... dice) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        RunConfig config = new RunConfig();
        config.setModel(model);
        config.setStrategy(strategy);
        config.setSeed(seed);
        config.setDataDirs(dataDirs);
        config.write(run.config());
        MetricsLog log = new MetricsLog(run.metrics(), organs);
        double[] ones = new double[organs.size()];
        java.util.Arrays.fill(ones, 1);
        for (int e = 0; e < dice.length; e++) log.append(MetricsLog.Row.of(e + 1, 0.5, 1e-4, 10, dice[e], ones));
        return run.root();
    }

    /** Writes {@code run/test/evaluation.json}; {@code dice[c][o]} = Dice of organ o in case c (NaN = absent). */
    public static void testScores(Path run, List<String> organs, double[][] dice) throws IOException {
        List<CaseEvaluation> cases = new ArrayList<>();
        for (int c = 0; c < dice.length; c++) {
            OrganScores[] s = new OrganScores[organs.size()];
            for (int o = 0; o < s.length; o++) {
                s[o] = Double.isNaN(dice[c][o]) ? OrganScores.ABSENT : new OrganScores(dice[c][o], 1.0, 0.9);
            }
            cases.add(new CaseEvaluation("case_" + c, s));
        }
        EvaluationResult r = new EvaluationResult(organs, cases, EvaluationResult.meansOf(cases, organs.size()), 1.0, List.of());
        Path file = new RunDirectory(run).testEvaluation();
        Files.createDirectories(file.getParent());
        Files.writeString(file, EvaluationWriter.json(r));
    }

    /** Appends events to {@code run/events.jsonl}. */
    public static void event(Path run, String name, Map<String, ?> fields) throws IOException {
        new EventLog(new RunDirectory(run).events()).log(name, fields);
    }
}

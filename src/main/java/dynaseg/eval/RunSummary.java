package dynaseg.eval;

import dynaseg.run.MetricsLog;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dynaseg.run.RunEvents;

/**
 * What a report needs from one training run folder ({@link RunDirectory}): model, preset,
 * strategy and seed from {@code config.yaml}; from {@code metrics.csv} the best epoch, the one with
 * the highest {@code dice_mean} (the first on ties; the epoch that {@code checkpoints/best/}
 * holds), and the per-organ validation Dice of that epoch; the held-out test scores of the best
 * checkpoint when the run has {@code test/evaluation.json} ({@link TestScores}); and the trigger
 * epochs and skipped steps of {@code events.jsonl} ({@link RunEvents}). A run without a scored
 * epoch has best epoch 0 and NaN Dice.
 *
 * @param bestDice per organ of {@code organs}, at the best epoch
 * @param epochs the number of epochs in metrics.csv
 * @param test the test scores, or null when the run has none
 */
public record RunSummary(RunDirectory run, String model, String preset, String strategy, List<String> dataDirs,
        List<String> organs, int bestEpoch, double[] bestDice, double bestMean, int epochs, long seed,
        TestScores test, RunEvents events) {
    public RunSummary {
        dataDirs = List.copyOf(dataDirs);
        organs = List.copyOf(organs);
        bestDice = bestDice.clone();
    }

    @Override
    public double[] bestDice() { return bestDice.clone(); }

    /** Reads {@code runDir/config.yaml}, {@code metrics.csv}, {@code events.jsonl} and {@code test/evaluation.json}; errors name the file. */
    public static RunSummary read(Path runDir) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        if (!Files.isDirectory(run.root())) throw new IOException(runDir + ": no such run folder");
        RunConfig config = RunConfig.read(run.config());
        List<String> organs = organsOf(run.metrics());
        List<MetricsLog.Row> rows = new MetricsLog(run.metrics(), organs).read();
        MetricsLog.Row best = null;
        for (MetricsLog.Row r : rows) {
            if (!Double.isNaN(r.diceMean()) && (best == null || r.diceMean() > best.diceMean())) best = r;
        }
        double[] dice = new double[organs.size()];
        Arrays.fill(dice, Double.NaN);
        if (best != null) dice = best.dice();
        return new RunSummary(run, config.getModel(), config.getPreset(), config.getStrategy(), config.getDataDirs(),
                organs, best == null ? 0 : best.epoch(), dice, best == null ? Double.NaN : best.diceMean(), rows.size(),
                config.getSeed(), TestScores.readIfPresent(run), RunEvents.read(run.events()));
    }

    /** The organ names of a metrics.csv header ({@code dice_<organ>} columns). */
    static List<String> organsOf(Path metrics) throws IOException {
        if (!Files.isRegularFile(metrics)) throw new IOException(metrics + ": no such file (not a training run?)");
        String header;
        try (var lines = Files.lines(metrics)) {
            header = lines.findFirst().orElse("");
        }
        String[] cols = header.split(",", -1);
        List<String> organs = new ArrayList<>();
        for (int i = 4; i < cols.length && cols[i].startsWith("dice_") && !cols[i].equals("dice_mean"); i++) {
            organs.add(cols[i].substring("dice_".length()));
        }
        if (cols.length < 5 || !cols[0].equals("epoch") || organs.isEmpty()) {
            throw new IOException(metrics + ": not a metrics.csv header (epoch,train_loss,lr,seconds,dice_<organ>...): "
                    + header);
        }
        return organs;
    }

    /** Dice of {@code organ} at the best epoch; NaN when the run has no such organ. */
    public double bestDice(String organ) {
        int k = organs.indexOf(organ);
        return k < 0 ? Double.NaN : bestDice[k];
    }

    /** True when the run has held-out test scores. */
    public boolean hasTestScores() { return test != null; }

    /**
     * The Dice that Table 1 shows for {@code organ}: the mean over test cases when the run has
     * test scores (unbiased: the best epoch was picked on validation), else the best-epoch
     * validation Dice. NaN when the run has no score for the organ.
     */
    public double score(String organ) {
        return test != null ? test.organMean(organ) : bestDice(organ);
    }

    /** {@code model strategy}, the column title. */
    public String label() { return model + " " + strategy; }
}

package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.PhantomCase;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.eval.DiceScore;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.run.RunConfig;
import dynaseg.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a tiny UNet trained for a few dozen steps on 24^3 phantoms (Trainer API), then
 * {@code predict} on an unseen phantom written as NIfTI, scored with Dice against two trivial
 * baselines on the same truth: all background (foreground Dice 0) and uniformly random labels.
 */
@Tag("slow")
class PredictAfterTrainingTest {
    @TempDir Path tmp;

    private static double meanPresent(double[] foregroundDice) {
        double sum = 0;
        int n = 0;
        for (double d : foregroundDice) {
            if (!Double.isNaN(d)) {
                sum += d;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void predictionOnAnUnseenPhantomBeatsChance() throws Exception {
        double[] spacing = {3.0, 3.0, 3.0};
        Path data = tmp.resolve("data");
        new SyntheticDatasetWriter(new PhantomGenerator(24, spacing, 5), 2).write(data, 4, "tiny", n -> {});
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of(data.toString()));
        c.setCacheDir(tmp.resolve("cache").toString());
        c.setTargetSpacing(spacing);
        c.setUnetChannels(List.of(8, 16));
        c.setPatch(new int[] {16});
        c.setBatch(2);
        c.setIterationsPerEpoch(12);
        c.setEpochs(2);
        c.setLr(1e-2);
        c.setLoss("dicece");
        c.setValOverlap(0.25);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path run = tmp.resolve("run");
        Trainer.start(c, run, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        PhantomCase unseen = new PhantomGenerator(24, spacing, 5).generate(17);
        Path scans = tmp.resolve("scans");
        Nifti.writeVolume(unseen.image(), scans.resolve("unseen.nii.gz"), "int16");
        Path out = tmp.resolve("pred");
        PredictionJob.Summary summary;
        try (Predictor p = Predictor.builder(run).optCheckpoint("last").build()) {
            assertEquals(14, p.classCount());
            summary = new PredictionJob(p, new PredictionWriter(out, false), false, new PrintStream(log, true, StandardCharsets.UTF_8),
                    new PrintStream(log, true, StandardCharsets.UTF_8), false).run(PredictionInputs.list(scans));
        }
        assertTrue(summary.ok(), log.toString(StandardCharsets.UTF_8));
        LabelMap predicted = Nifti.readLabels(out.resolve("unseen.nii.gz"));
        byte[] truth = unseen.labels().labels();

        double[] oursPerOrgan = DiceScore.foreground(DiceScore.perClass(predicted.labels(), truth, 14));
        byte[] random = new byte[truth.length];
        Random r = new Random(1);
        for (int i = 0; i < random.length; i++) random[i] = (byte) r.nextInt(14);
        double[] chancePerOrgan = DiceScore.foreground(DiceScore.perClass(random, truth, 14));
        double allBackground = meanPresent(DiceScore.foreground(DiceScore.perClass(new byte[truth.length], truth, 14)));
        long[] counts = unseen.labels().counts();
        int largest = 1;
        for (int k = 2; k < 14; k++) if (counts[k] > counts[largest]) largest = k;
        double ours = meanPresent(oursPerOrgan);
        double chance = meanPresent(chancePerOrgan);
        String msg = String.format(Locale.ROOT, "mean organ Dice %.3f (random labels %.3f, all background %.3f); "
                + "largest organ (label %d) %.3f (random %.3f)%n%s", ours, chance, allBackground, largest,
                oursPerOrgan[largest - 1], chancePerOrgan[largest - 1], log.toString(StandardCharsets.UTF_8));
        assertEquals(0.0, allBackground, 1e-12);
        // a few dozen steps learn the big organs only: the mean is small but well above chance
        assertTrue(ours > 1.5 * chance, msg);
        assertTrue(oursPerOrgan[largest - 1] > 0.3 && oursPerOrgan[largest - 1] > 3 * chancePerOrgan[largest - 1], msg);
        System.out.println(msg.lines().findFirst().orElse(""));
    }
}

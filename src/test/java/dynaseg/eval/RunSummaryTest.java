package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.run.MetricsLog;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Best epoch = highest dice_mean, first on ties, NaN epochs skipped; label names from dataset.json forms. */
class RunSummaryTest {
    @TempDir Path dir;

    @Test
    void bestEpochIsTheFirstWithTheHighestMeanDice() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("r"));
        RunConfig c = new RunConfig();
        c.setModel("unetr");
        c.setPreset("paper");
        c.setStrategy("pcf");
        c.write(run.config());
        MetricsLog log = new MetricsLog(run.metrics(), List.of("a", "b"));
        double nan = Double.NaN;
        log.append(MetricsLog.Row.of(1, 1, 1, 1, new double[] {nan, nan}, new double[] {1, 1}));
        log.append(MetricsLog.Row.of(2, 1, 1, 1, new double[] {0.5, 0.7}, new double[] {1, 1}));
        log.append(MetricsLog.Row.of(3, 1, 1, 1, new double[] {0.9, nan}, new double[] {1, 1}));
        log.append(MetricsLog.Row.of(4, 1, 1, 1, new double[] {0.8, 1.0}, new double[] {1, 1}));
        RunSummary s = RunSummary.read(run.root());
        assertEquals(3, s.bestEpoch(), "mean 0.9 over the organs present (NaN skipped), first of the two 0.9 epochs");
        assertEquals(0.9, s.bestDice("a"));
        assertTrue(Double.isNaN(s.bestDice("b")));
        assertTrue(Double.isNaN(s.bestDice("nope")));
        assertEquals(4, s.epochs());
        assertEquals("unetr pcf", s.label());
        assertEquals("paper", s.preset());
    }

    @Test
    void runWithoutScoredEpochsHasNaNDice() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("r"));
        new RunConfig().write(run.config());
        new MetricsLog(run.metrics(), List.of("a")).append(MetricsLog.Row.of(1, 1, 1, 1, new double[] {Double.NaN}, new double[] {1}));
        RunSummary s = RunSummary.read(run.root());
        assertEquals(0, s.bestEpoch());
        assertArrayEquals(new double[] {Double.NaN}, s.bestDice());
    }

    @Test
    void badMetricsHeaderNamesTheFile() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("r"));
        new RunConfig().write(run.config());
        Files.writeString(run.metrics(), "a,b,c\n");
        IOException e = assertThrows(IOException.class, () -> RunSummary.read(run.root()));
        assertTrue(e.getMessage().contains(run.metrics().toString()), e.getMessage());
    }

    @Test
    void labelNamesReadBothDatasetJsonForms() throws IOException {
        Path msd = dir.resolve("msd.json");
        Files.writeString(msd, "{\"labels\": {\"0\": \"background\", \"2\": \"kidney\"}}");
        assertEquals("kidney", LabelNames.read(msd).name(2));
        assertEquals("label_1", LabelNames.read(msd).name(1), "a dataset.json overrides the BTCV names");
        Path nnunet = dir.resolve("nn.json");
        Files.writeString(nnunet, "{\"labels\": {\"background\": 0, \"tumour\": 1}}");
        assertEquals("tumour", LabelNames.read(nnunet).name(1));
        assertEquals(1, LabelNames.read(nnunet).maxLabel());
        assertEquals("gallbladder", LabelNames.btcv().name(4));
        assertEquals("label_14", LabelNames.btcv().name(14));
    }
}

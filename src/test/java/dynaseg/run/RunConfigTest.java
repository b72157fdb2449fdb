package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.train.TrainingData;

class RunConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheIssues() {
        RunConfig c = new RunConfig();
        assertArrayEquals(new int[] {96, 96, 96}, c.getPatch());
        assertEquals(2, c.getBatch());
        assertEquals(1e-4, c.getLr());
        assertEquals(1, c.getSeed());
        assertEquals("dice", c.getLoss());
        assertEquals(0.5, c.getValOverlap());
        assertEquals(1.0 / 3, c.getForegroundRatio(), 1e-6);
        assertEquals("none", c.getStrategy());
        assertEquals("cpu", c.getPreset());
        assertEquals(1.0, c.getEma(), "ema is the weight of the newest score, as in dynaseg schedule: 1 = off");
        c.validate();
    }

    @Test
    void yamlRoundTripKeepsEveryValue() throws IOException {
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of("/data/btcv", "/data/msd"));
        c.setOrgans(List.of("spleen", "liver"));
        c.setModel("unetr");
        c.setUnetChannels(List.of(16, 32, 64));
        c.setStrategy("pcf");
        c.setDelta(7);
        c.setEpsilon(0.02);
        c.setLoss("dicece");
        c.setIncludeBackground(false);
        c.setPatch(new int[] {64, 80, 96});
        c.setLr(3e-4);
        c.setLrSchedule("poly");
        c.setSeed(42);
        c.setCacheDir("/tmp/cache");
        c.setTargetSpacing(new double[] {1, 1, 2.5});
        c.setValMirroring(true);
        Path file = dir.resolve("config.yaml");
        c.write(file);
        String text = Files.readString(file);
        assertTrue(text.contains("iterations-per-epoch: 250"), text);
        assertTrue(text.contains("strategy: pcf"), text);
        RunConfig back = RunConfig.read(file);
        assertEquals(c, back);
        assertArrayEquals(new int[] {64, 80, 96}, back.getPatch());
        assertEquals(List.of(16, 32, 64), back.getUnetChannels());
        assertEquals(3e-4, back.getLr());
        assertEquals(42, back.getSeed());
        assertNotEquals(new RunConfig(), back);
    }

    @Test
    void partialFileKeepsDefaultsAndAcceptsAScalarPatch() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "# mine\nepochs: 3\npatch: 32\ndata-dirs: [a, b]\n");
        RunConfig c = RunConfig.read(file);
        assertEquals(3, c.getEpochs());
        assertArrayEquals(new int[] {32, 32, 32}, c.getPatch());
        assertEquals(List.of("a", "b"), c.getDataDirs());
        assertEquals(2, c.getBatch());
    }

    @Test
    void nullTargetSpacingMeansNative() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "target-spacing: null\ncrop-to-body: false\n");
        RunConfig c = RunConfig.read(file);
        assertEquals(null, c.getTargetSpacing());
        assertFalse(c.isCropToBody());
        c.write(file);
        assertEquals(c, RunConfig.read(file));
    }

    @Test
    void unknownKeyIsAnErrorNamingFileAndKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "epochs: 3\nlearning-rate: 0.1\n");
        IOException e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'learning-rate'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void badValuesAreErrorsNamingTheKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "epochs: many\n");
        IOException e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains("'epochs'") && e.getMessage().contains(file.toString()), e.getMessage());

        Files.writeString(file, "loss: focal\n");
        e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains("'loss'") && e.getMessage().contains("dice|dicece"), e.getMessage());

        Files.writeString(file, "ema: 0\n");
        e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains("'ema'") && e.getMessage().contains("1 = off"), e.getMessage());

        Files.writeString(file, "patch: [1, 2]\n");
        e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains("'patch'"), e.getMessage());
    }

    /**
     * Each section's limits live in the package that owns it (issue 16); whichever home finds the
     * bad value, the message names the file, the key and what was expected.
     */
    @Test
    void everySectionsHomeNamesTheFileAndTheKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        String[][] cases = {
            {"model: vnet", "'model'", "lambda3d|unet3d|unetr"},
            {"preset: huge", "'preset'", "cpu|paper"},
            {"unet-channels: [8, 0]", "'unet-channels'", "positive"},
            {"strategy: freeze-all", "'strategy'", "cbs|cbs-cumulative|none|pcf|prevalence|tcf"},
            {"delta: 0", "'delta'", ">= 1"},
            {"device: tpu", "'device'", "cpu|gpu"},
            {"threads: -1", "'threads'", "0 = all cores"},
            {"target-spacing: [1.5, 0, 2]", "'target-spacing'", "3 positive spacings"},
            {"hu-window: [250, -175]", "'hu-window'", "low < high"},
            {"val-fraction: 0", "'val-fraction'", "validates after every epoch"},
            {"test-fraction: 0.9", "'test-fraction'", "below 1 together with val-fraction"},
            {"foreground-ratio: 1.5", "'foreground-ratio'", "in [0, 1]"},
            {"lr-schedule: step", "'lr-schedule'", "cosine|poly"},
            {"format: dicom", "'format'", ""},
        };
        for (String[] c : cases) {
            Files.writeString(file, c[0] + "\n");
            IOException e = assertThrows(IOException.class, () -> RunConfig.read(file), c[0]);
            assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(c[1])
                    && e.getMessage().contains(c[2]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void datasetKeysRoundTripAndDefaultToDetection() throws IOException {
        RunConfig fresh = new RunConfig();
        assertEquals(null, fresh.getFormat());
        assertEquals(null, fresh.getMinOrgans());
        assertEquals(null, fresh.getLabelMap());
        assertFalse(fresh.isStrict());
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "format: totalseg\nmin-organs: 4\nlabel-map: null\nstrict: true\n");
        RunConfig c = RunConfig.read(file);
        assertEquals("totalseg", c.getFormat());
        assertEquals(4, c.getMinOrgans());
        assertEquals(null, c.getLabelMap());
        assertTrue(c.isStrict());
        c.setLabelMap("totalseg-v2");
        c.write(file);
        assertEquals(c, RunConfig.read(file));
        assertTrue(Files.readString(file).contains("label-map: totalseg-v2"), Files.readString(file));
        var opts = TrainingData.datasetOptions(c, 1, p -> {});
        assertEquals(4, opts.minOrgans());
        assertEquals(dynaseg.data.formats.TotalSegLabelMapping.V2, opts.labelMapping());
        assertTrue(opts.strict());
    }

    @Test
    void badDatasetKeysAreErrorsNamingTheKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        for (String[] bad : new String[][] {{"format: dicom\n", "'format'"}, {"label-map: totalseg-v9\n", "'label-map'"},
                {"min-organs: -1\n", "'min-organs'"}}) {
            Files.writeString(file, bad[0]);
            IOException e = assertThrows(IOException.class, () -> RunConfig.read(file));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void missingFileNamesIt() {
        Path file = dir.resolve("nope.yaml");
        IOException e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void copyIsDeep() {
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of("x"));
        RunConfig d = c.copy();
        assertEquals(c, d);
        d.getDataDirs().add("y");
        assertEquals(List.of("x"), c.getDataDirs());
    }

    @Test
    void initialScoreRoundTripsAndAnOldFileMeansNone() throws IOException {
        RunConfig fresh = new RunConfig();
        assertEquals(dynaseg.schedule.ScheduleSettings.parseInitialScore(dynaseg.schedule.ScheduleSettings.DEFAULT_INITIAL_SCORE),
                fresh.getInitialScore());
        Path file = dir.resolve("config.yaml");
        RunConfig c = new RunConfig();
        c.setStrategy("cbs");
        c.setInitialScore(1.0);
        c.write(file);
        assertTrue(Files.readString(file).contains("\ninitial-score: 1.0\n"), Files.readString(file));
        RunConfig back = RunConfig.read(file);
        assertEquals(1.0, back.getInitialScore());
        assertEquals(c, back);
        assertEquals(c, c.copy());
        assertEquals(1.0, c.copy().getInitialScore());
        RunConfig none = c.copy();
        none.setInitialScore(null);
        assertNotEquals(c, none);
        assertNotEquals(c.hashCode(), none.hashCode());
        none.write(file);
        assertTrue(Files.readString(file).contains("\ninitial-score: none\n"), Files.readString(file));
        assertEquals(none, RunConfig.read(file));

        // a config.yaml written before the key existed, and explicit none / null
        for (String text : new String[] {"strategy: pcf\n", "initial-score: none\n", "initial-score: NONE\n", "initial-score: null\n", ""}) {
            Files.writeString(file, text);
            assertEquals(null, RunConfig.read(file).getInitialScore(), text);
        }
        Files.writeString(file, "initial-score: 0\n");
        assertEquals(0.0, RunConfig.read(file).getInitialScore());
    }

    @Test
    void badInitialScoreIsAnErrorNamingTheKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        for (String bad : new String[] {"initial-score: 1.5\n", "initial-score: maybe\n", "initial-score: -0.5\n"}) {
            Files.writeString(file, bad);
            IOException e = assertThrows(IOException.class, () -> RunConfig.read(file), bad);
            assertTrue(e.getMessage().contains("'initial-score'") && e.getMessage().contains(file.toString()), e.getMessage());
        }
        RunConfig c = new RunConfig();
        c.setInitialScore(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("'initial-score'"), e.getMessage());
    }
}

package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.testutil.CommandRun;
import dynaseg.run.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("slow")
class TrainCommandTest {
    @TempDir
    Path tmp;

    private CommandRun last;

    private int run(String... args) {
        last = CommandRun.of(args);
        return last.exitCode();
    }

    private Path data() throws Exception {
        Path dir = tmp.resolve("data");
        new SyntheticDatasetWriter(new PhantomGenerator(24, new double[] {3, 3, 3}, 5), 2).write(dir, 4, "tiny", n -> {});
        return dir;
    }

    private List<String> tiny(Path data, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--cache", tmp.resolve("cache").toString(),
                "--channels", "4,8", "--patch", "16", "--target-spacing", "3,3,3", "--batch", "1", "--iterations-per-epoch", "2", "--lr", "1e-2"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void trainsThenResumesAndRefusesToOverwrite() throws Exception {
        Path data = data();
        Path out = tmp.resolve("run");
        Path yaml = tmp.resolve("run.yaml");
        Files.writeString(yaml, "strategy: tcf\nepochs: 5\nseed: 9\n");
        List<String> args = tiny(data, "--out", out.toString(), "--config", yaml.toString(), "--epochs", "1");
        assertEquals(0, run(args.toArray(String[]::new)), last.err());
        RunConfig written = RunConfig.read(out.resolve("config.yaml"));
        assertEquals(1, written.getEpochs()); // the flag beats the file
        assertEquals("tcf", written.getStrategy()); // the file beats the default
        assertEquals(9, written.getSeed());
        assertEquals(List.of(4, 8), written.getUnetChannels());
        assertEquals(tmp.resolve("cache").toString(), written.getCacheDir());

        assertEquals(2, run(args.toArray(String[]::new)));
        assertTrue(last.err().contains("--resume"), last.err());

        assertEquals(2, run("train", "--resume", out.toString(), "--lr", "0.5"));
        assertTrue(last.err().contains("only --epochs"), last.err());

        assertEquals(0, run("train", "--resume", out.toString(), "--epochs", "2"), last.err());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, lines.size());
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/best/model.params")));
    }

    @Test
    void aRunThatFailsBeforeItsFirstEpochLeavesNothingAndTheCorrectedCommandWorks() throws Exception {
        Path data = data();
        Path out = tmp.resolve("r");
        assertEquals(1, run(tiny(tmp.resolve("nope"), "--out", out.toString(), "--epochs", "1").toArray(String[]::new)));
        assertTrue(last.err().contains("nope"), last.err());
        assertFalse(Files.exists(out), "a failed start left " + out);

        assertEquals(0, run(tiny(data, "--out", out.toString(), "--epochs", "1").toArray(String[]::new)), last.err());
        assertTrue(Files.isDirectory(out.resolve("checkpoints/last")));
    }

    @Test
    void aFailedStartInAFolderTheUserHadLeavesItAsItWas() throws Exception {
        Path data = data();
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(1, run(tiny(tmp.resolve("nope"), "--out", out.toString(), "--epochs", "1").toArray(String[]::new)));
        try (var s = Files.list(out)) {
            assertEquals(List.of(out.resolve("notes.txt")), s.toList());
        }
        assertEquals(0, run(tiny(data, "--out", out.toString(), "--epochs", "1").toArray(String[]::new)), last.err());
        assertTrue(Files.isRegularFile(out.resolve("notes.txt")));
    }

    @Test
    void aCaseWithAMissingLabelFileIsSkippedWithAWarningOrFailsWhenStrict() throws Exception {
        Path data = data();
        Path label = data.resolve("labelsTr/case_0002.nii.gz");
        Files.delete(label);
        assertEquals(1, run(tiny(data, "--out", tmp.resolve("strict").toString(), "--epochs", "1", "--strict").toArray(String[]::new)));
        assertTrue(last.err().contains(label.toString()) && last.err().contains("--strict"), last.err());
        assertFalse(Files.exists(tmp.resolve("strict")));

        assertEquals(0, run(tiny(data, "--out", tmp.resolve("run").toString(), "--epochs", "1").toArray(String[]::new)), last.err());
        assertTrue(last.out().contains("warning: skipped case case_0002: " + label), last.out());
        assertTrue(last.out().contains("loaded 2 training and 1 validation cases"), last.out());
        RunConfig written = RunConfig.read(tmp.resolve("run/config.yaml"));
        assertFalse(written.isStrict());
        assertEquals(null, written.getFormat());
    }

    @Test
    void aLabelMapOnAnotherGridIsNamedWhenStrict() throws Exception {
        Path data = data();
        Path label = data.resolve("labelsTr/case_0001.nii.gz");
        // a label map from a phantom of another size
        Path other = tmp.resolve("other");
        new SyntheticDatasetWriter(new PhantomGenerator(16, new double[] {3, 3, 3}, 5), 1).write(other, 1, "x", n -> {});
        Files.copy(other.resolve("labelsTr/case_0000.nii.gz"), label, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, run(tiny(data, "--out", tmp.resolve("run").toString(), "--epochs", "1", "--strict").toArray(String[]::new)));
        assertTrue(last.err().contains(label.toString()) && last.err().contains("another grid"), last.err());
        assertFalse(Files.exists(tmp.resolve("run/checkpoints/last")));
    }

    @Test
    void datasetOptionsGoToTheConfigAndBeatIt() throws Exception {
        Path yaml = tmp.resolve("run.yaml");
        Files.writeString(yaml, "format: btcv\nmin-organs: 3\nlabel-map: totalseg-v2\n");
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--config", yaml.toString(), "--format", "MSD", "--label-map", "totalseg-v1", "--strict");
        RunConfig c = RunConfig.read(yaml);
        cmd.apply(c);
        assertEquals("msd", c.getFormat());
        assertEquals(3, c.getMinOrgans()); // not given: the file's
        assertEquals("totalseg-v1", c.getLabelMap());
        assertTrue(c.isStrict());
        assertEquals(2, run("train", "--resume", tmp.toString(), "--format", "msd"));
        assertTrue(last.err().contains("only --epochs") && last.err().contains("--format"), last.err());
    }

    @Test
    void gpuWithoutAGpuSaysWhatToInstall() throws Exception {
        Path data = data();
        assertEquals(2, run(tiny(data, "--out", tmp.resolve("run").toString(), "--epochs", "1", "--device", "gpu")
                .toArray(String[]::new)));
        assertTrue(last.err().contains("PYTORCH_LIBRARY_PATH"), last.err());
    }

    @Test
    void initialScoreGoesToTheConfigAndBeatsIt() throws Exception {
        Path yaml = tmp.resolve("run.yaml");
        Files.writeString(yaml, "strategy: cbs\ninitial-score: 0.5\n");
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--config", yaml.toString(), "--initial-score", "1");
        RunConfig c = RunConfig.read(yaml);
        cmd.apply(c);
        assertEquals(1.0, c.getInitialScore());

        cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--config", yaml.toString(), "--initial-score", "none");
        c = RunConfig.read(yaml);
        cmd.apply(c);
        assertEquals(null, c.getInitialScore());

        cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--config", yaml.toString());
        c = RunConfig.read(yaml);
        cmd.apply(c);
        assertEquals(0.5, c.getInitialScore()); // not given: the file's

        assertEquals(2, run("train", "--data", tmp.toString(), "--out", tmp.resolve("r").toString(), "--initial-score", "2"));
        assertTrue(last.err().contains("initial score must be 'none' or a number in [0, 1]"), last.err());
        assertEquals(0, run("train", "--help"));
        assertTrue(last.out().contains("--initial-score=none|VALUE"), last.out());
    }
}

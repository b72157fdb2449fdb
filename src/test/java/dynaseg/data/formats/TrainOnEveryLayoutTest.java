package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.testutil.CommandRun;
import dynaseg.run.RunConfig;
import dynaseg.train.TrainingData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training reads every dataset layout (issue 7): a TotalSegmentator folder with its meta.csv
 * splits, and BTCV plus TotalSegmentator pooled by repeating {@code --data} (the paper's mix).
 * Lives here for {@link FormatFixtures}; uses only the public training API and the CLI.
 */
@Tag("slow")
class TrainOnEveryLayoutTest {
    @TempDir
    Path tmp;

    /** A tiny UNet3D run on the fixtures' grid (no resampling): seconds per epoch. */
    private RunConfig tinyConfig(Path... data) {
        RunConfig c = new RunConfig();
        c.setDataDirs(java.util.Arrays.stream(data).map(Path::toString).toList());
        c.setCacheDir(tmp.resolve("cache").toString());
        c.setTargetSpacing(new double[] {2, 2, 2.5});
        c.setUnetChannels(List.of(4, 8));
        c.setPatch(new int[] {16});
        c.setBatch(1);
        c.setIterationsPerEpoch(2);
        c.setEpochs(1);
        c.setValOverlap(0.25);
        return c;
    }

    private static Set<String> ids(List<PreprocessedCase> cases) {
        return cases.stream().map(PreprocessedCase::id).collect(Collectors.toSet());
    }

    @Test
    void totalSegmentatorFolderUsesItsMetaSplitsAndTrains() throws Exception {
        Path data = tmp.resolve("totalseg");
        FormatFixtures.writeTotalSeg(data, 4, List.of("train", "train", "val", "test"));
        RunConfig config = tinyConfig(data);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainingData td = TrainingData.open(config, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(Set.of("s0000", "s0001"), ids(td.training()));
        assertEquals(Set.of("s0002"), ids(td.validation()), "meta.csv's val split; the test case is held out");
        assertEquals(14, td.classCount());
        assertTrue(td.skipped().isEmpty(), td.skipped().toString());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("totalseg"), console.toString(StandardCharsets.UTF_8));
        // the merged label map holds the organs' BTCV ids (not only 0/1 masks)
        long[] counts = td.training().get(0).classCounts(14);
        assertTrue(java.util.Arrays.stream(counts, 1, 14).filter(n -> n > 0).count() >= 6, java.util.Arrays.toString(counts));

        Path run = tmp.resolve("run");
        Path yaml = tmp.resolve("run.yaml");
        config.write(yaml);
        CommandRun r = train("--config", yaml.toString(), "--out", run.toString(), "--format", "totalseg");
        assertEquals(0, r.exitCode(), r.both());
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());
        RunConfig written = RunConfig.read(run.resolve("config.yaml"));
        assertEquals("totalseg", written.getFormat());
        assertEquals(null, written.getMinOrgans());
    }

    @Test
    void btcvAndTotalSegmentatorArePooledWithOneSplitPerFolder() throws Exception {
        Path btcv = tmp.resolve("btcv");
        Path totalseg = tmp.resolve("totalseg");
        FormatFixtures.writeBtcv(btcv, 3);
        FormatFixtures.writeTotalSeg(totalseg, 3, null);
        RunConfig config = tinyConfig(btcv, totalseg);
        TrainingData td = TrainingData.open(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(4, td.training().size());
        assertEquals(2, td.validation().size());
        // each folder gives one of its three cases to validation
        assertEquals(1, ids(td.validation()).stream().filter(id -> id.startsWith("img")).count(), ids(td.validation()).toString());
        assertEquals(1, ids(td.validation()).stream().filter(id -> id.startsWith("s0")).count(), ids(td.validation()).toString());

        Path run = tmp.resolve("run");
        CommandRun r = train("--data", btcv.toString(), "--data", totalseg.toString(), "--out", run.toString(),
                "--cache", tmp.resolve("cache").toString(), "--channels", "4,8", "--patch", "16", "--target-spacing", "2,2,2.5",
                "--batch", "1", "--iterations-per-epoch", "2", "--epochs", "1");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains("loaded 4 training and 2 validation cases"), r.out());
        assertTrue(r.out().contains("btcv+totalseg"), r.out());
        assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());
        assertEquals(List.of(btcv.toString(), totalseg.toString()), RunConfig.read(run.resolve("config.yaml")).getDataDirs());
    }

    @Test
    void twoFoldersWithTheSameCaseIdsKeepBothCases() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        FormatFixtures.writeBtcv(a, 2);
        FormatFixtures.writeBtcv(b, 2);
        TrainingData td = TrainingData.open(tinyConfig(a, b), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Set<String> all = ids(td.training());
        all.addAll(ids(td.validation()));
        assertEquals(Set.of("a_img0001", "a_img0002", "b_img0001", "b_img0002"), all);
    }

    /** Runs {@code dynaseg train ...}. */
    private static CommandRun train(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandRun.of(all);
    }
}

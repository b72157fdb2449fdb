package dynaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.testutil.CommandRun;
import dynaseg.testutil.StopAfterEpoch;
import dynaseg.run.RunConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of sweeps in local mode: two tiny runs as Spark tasks give the metrics.csv of
 * the same runs one after the other (less the wall-time column); a task whose first attempt is
 * killed after its first epoch is tried again and resumes from its checkpoint (no epoch trained
 * twice).
 */
class SparkSweepTest {
    @TempDir static Path tmp;
    static Path base;
    static String threads;

    @BeforeAll
    static void data() throws Exception {
        threads = System.getProperty(SparkSupport.THREADS_PROPERTY);
        Path data = tmp.resolve("data");
        new SyntheticDatasetWriter(new PhantomGenerator(24, new double[] {3, 3, 3}, 5), 2).write(data, 4, "tiny", n -> {});
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of(data.toString()));
        c.setCacheDir(tmp.resolve("cache").toString());
        c.setUnetChannels(List.of(4, 8));
        c.setPatch(new int[] {16, 16, 16});
        c.setTargetSpacing(new double[] {3, 3, 3});
        c.setBatch(1);
        c.setIterationsPerEpoch(2);
        c.setLr(1e-2);
        c.setEpochs(2);
        base = tmp.resolve("base.yaml");
        c.write(base);
    }

    @AfterAll
    static void restore() {
        if (threads != null) System.setProperty(SparkSupport.THREADS_PROPERTY, threads);
    }

    private static Path runsFile(String name, String... runs) throws Exception {
        StringBuilder b = new StringBuilder("config: base.yaml\nruns:\n");
        for (String r : runs) b.append("  - ").append(r).append('\n');
        Path f = tmp.resolve(name);
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void twoRunsAsSparkTasksGiveTheMetricsOfTheRunsOneAfterTheOther() throws Exception {
        Path seq = runsFile("seq.yaml", "{out: seq/none, set: {strategy: none}}", "{out: seq/cbs, set: {strategy: cbs, seed: 2}}");
        Path par = runsFile("par.yaml", "{out: par/none, set: {strategy: none}}", "{out: par/cbs, set: {strategy: cbs, seed: 2}}");
        CommandRun a = CommandRun.of("sweep", seq.toString());
        assertEquals(0, a.exitCode(), a.out() + a.err());
        assertTrue(a.out().contains("2 trained, 0 resumed, 0 reused, 0 failed"), a.out());
        // the same PyTorch threads per run as the sequential runs (the JVM of these tests has 2)
        CommandRun b = CommandRun.of("sweep", par.toString(), "--spark", "local[2]", "--threads", "2");
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(b.out().contains("2 trained, 0 resumed, 0 reused, 0 failed"), b.out());
        for (String run : List.of("none", "cbs")) {
            List<String> x = withoutSeconds(tmp.resolve("seq").resolve(run).resolve("metrics.csv"));
            assertEquals(3, x.size(), x.toString());
            assertEquals(x, withoutSeconds(tmp.resolve("par").resolve(run).resolve("metrics.csv")), run);
        }
        CommandRun again = CommandRun.of("sweep", par.toString(), "--spark", "local[2]");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("0 trained, 0 resumed, 2 reused, 0 failed"), again.out());
    }

    @Test
    void aTaskKilledAfterItsFirstEpochIsTriedAgainAndResumes() throws Exception {
        Path once = runsFile("once.yaml", "{out: once/none, set: {strategy: none}}");
        Path killed = runsFile("killed.yaml", "{out: killed/none, set: {strategy: none}}");
        CommandRun a = CommandRun.of("sweep", once.toString());
        assertEquals(0, a.exitCode(), a.out() + a.err());
        // dynaseg sweep killed.yaml --spark 'local[1,2]' --threads 2, its task's first attempt killed after epoch 1
        List<FirstAttemptKilledAfter> tasks = SweepFile.read(killed).runs().stream()
                .map(t -> new FirstAttemptKilledAfter(t, 1)).toList();
        CommandRun b = CommandRun.capture((o, e) -> Sweeps.summarize(
                SparkSweep.run("local[1,2]", tasks, 2, "dynaseg sweep killed.yaml", System.out), 0, System.out, System.err) ? 0 : 1);
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(b.out().contains("attempt 1 failed") && b.out().contains("stopped at epoch 1 of 2"), b.out());
        assertTrue(b.out().contains("0 trained, 1 resumed, 0 reused, 0 failed"), b.out());
        Path run = tmp.resolve("killed/none");
        List<String> events = Files.readAllLines(run.resolve("events.jsonl"));
        assertEquals(1, events.stream().filter(e -> e.contains("\"start\"")).count(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("\"resume\"") && e.contains("\"epoch\":1")), events.toString());
        List<String> metrics = withoutSeconds(run.resolve("metrics.csv"));
        assertEquals(3, metrics.size(), metrics.toString()); // header, epochs 1 and 2: none twice
        assertEquals(withoutSeconds(tmp.resolve("once/none/metrics.csv")), metrics);
    }

    /**
     * A run of a sweep whose first attempt ends after {@code epoch} as if its JVM had been killed
     * there (after the epoch's checkpoint and records): the attempt fails, and Spark's retry runs
     * the task as it is.
     */
    record FirstAttemptKilledAfter(ConfigRunTask task, int epoch) implements SweepTask {
        private static final long serialVersionUID = 1L;

        @Override
        public String dir() {
            return task.dir();
        }

        @Override
        public SweepResult run(int attempt, PrintStream out) throws Exception {
            return task.run(attempt, out, attempt == 0 ? List.of(new StopAfterEpoch(epoch)) : List.of());
        }
    }

    /** metrics.csv without its seconds column (wall time). */
    static List<String> withoutSeconds(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        assertTrue(col >= 0, lines.get(0));
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(col);
            out.add(String.join(",", cells));
        }
        return out;
    }
}

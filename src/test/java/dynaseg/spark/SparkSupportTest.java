package dynaseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masters, threads per task, the spark-submit entry's arguments and the runs file, without Spark. */
class SparkSupportTest {
    @TempDir Path tmp;

    @Test
    void localMastersGiveTasksAtOnceAttemptsAndThreads() {
        assertTrue(SparkSupport.isLocal("local[2]"));
        assertTrue(SparkSupport.isLocal("local"));
        assertTrue(SparkSupport.isLocal("local[*, 3]"));
        assertFalse(SparkSupport.isLocal("spark://head:7077"));
        assertFalse(SparkSupport.isLocal("yarn"));
        assertEquals(2, SparkSupport.localSlots("local[2]", 8));
        assertEquals(1, SparkSupport.localSlots("local", 8));
        assertEquals(8, SparkSupport.localSlots("local[*]", 8));
        // by default a task computes with the plain command's threads, so that its output is the plain command's
        assertEquals(new SparkSupport.LocalPlan(2, 2, 1), SparkSupport.localPlan(2, null, 2));
        assertEquals(new SparkSupport.LocalPlan(1, 1, 2), SparkSupport.localPlan(2, 1, 2));
        assertEquals(new SparkSupport.LocalPlan(8, 8, 1), SparkSupport.localPlan(8, null, 8));
        assertEquals(new SparkSupport.LocalPlan(2, 2, 4), SparkSupport.localPlan(8, 2, 8));
        assertEquals(new SparkSupport.LocalPlan(3, 3, 1), SparkSupport.localPlan(4, 3, 2));
        // spark.task.cpus never exceeds the slots (Spark refuses that), and there is always a task at a time
        assertEquals(new SparkSupport.LocalPlan(4, 1, 1), SparkSupport.localPlan(1, null, 4));
        assertEquals(new SparkSupport.LocalPlan(1, 1, 1), SparkSupport.localPlan(1, null, 0));
        assertEquals(1, SparkSupport.maxAttempts("local[2]", "9"));
        assertEquals(3, SparkSupport.maxAttempts("local[2,3]", null));
        assertEquals(4, SparkSupport.maxAttempts("yarn", null));
        assertEquals(2, SparkSupport.maxAttempts("yarn", "2"));
    }

    @Test
    void submitMainAddsTheMasterOfSparkSubmitUnlessGiven() {
        assertArrayEquals(new String[] {"predict", "--spark=yarn", "--model", "m.zip"},
                dynaseg.cli.SparkSubmitMain.withMaster(new String[] {"predict", "--model", "m.zip"}, "yarn"));
        assertArrayEquals(new String[] {"demo", "--spark", "local[2]"},
                dynaseg.cli.SparkSubmitMain.withMaster(new String[] {"demo", "--spark", "local[2]"}, "yarn"));
        assertArrayEquals(new String[] {"--version"}, dynaseg.cli.SparkSubmitMain.withMaster(new String[] {"--version"}, "yarn"));
    }

    @Test
    void aRunsFileGivesOneTaskPerRunWithItsSettingsAndRefusesMistakes() throws Exception {
        Files.writeString(tmp.resolve("base.yaml"), "data-dirs: [data]\nepochs: 3\n");
        Path f = tmp.resolve("runs.yaml");
        Files.writeString(f, "config: base.yaml\nreport: rep\nruns:\n  - {out: a, set: {strategy: cbs}}\n  - {out: b}\n");
        SweepFile s = SweepFile.read(f);
        assertEquals(2, s.runs().size());
        assertEquals(tmp.resolve("a").toString(), s.runs().get(0).dir());
        assertTrue(s.runs().get(0).configYaml().contains("strategy: \"cbs\"") || s.runs().get(0).configYaml().contains("strategy: cbs"),
                s.runs().get(0).configYaml());
        assertEquals(tmp.resolve("rep"), s.report());

        Files.writeString(f, "runs:\n  - {out: a, sett: {}}\n");
        IOException e = assertThrows(IOException.class, () -> SweepFile.read(f));
        assertTrue(e.getMessage().contains("run 1") && e.getMessage().contains("'sett'"), e.getMessage());
        Files.writeString(f, "config: base.yaml\nruns:\n  - {out: a}\n  - {out: a}\n");
        e = assertThrows(IOException.class, () -> SweepFile.read(f));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
        Files.writeString(f, "config: base.yaml\nruns:\n  - {out: a, set: {epochz: 2}}\n");
        e = assertThrows(IOException.class, () -> SweepFile.read(f));
        assertTrue(e.getMessage().contains("epochz"), e.getMessage());
    }
}

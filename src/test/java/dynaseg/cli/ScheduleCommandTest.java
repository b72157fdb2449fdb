package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.schedule.ScheduleSettings;
import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {
    @TempDir Path dir;

    private Path csv(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void replaysCbsWithNamedColumns() throws Exception {
        // the CBS trajectory of ScheduleRulesTest (no epoch 0: --initial-score none), first six epochs
        Path scores = csv("scores.csv", """
                epoch,liver,pancreas,spleen
                1,0.75,0.375,0.0
                2,0.5,0.5,nan
                3,0.5,0.375,NaN
                4,0.875,0.25,0.0
                5,0.875,0.125,0.0
                6,0.875,0.125,0.0
                """);
        CommandRun r = CommandRun.of("schedule", "--strategy", "cbs", "--scores", scores.toString(),
                "--delta", "1", "--epsilon", "0.125", "--zeta", "0.25", "--initial-score", "none");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                epoch,w_liver,w_pancreas,w_spleen
                1,1.000000,1.000000,1.000000
                2,1.000000,1.000000,1.000000
                3,0.100000,1.600000,1.000000
                4,0.100000,1.600000,1.000000
                5,0.100000,1.600000,1.000000
                6,0.100000,0.100000,2.000000
                """, r.out());
    }

    @Test
    void tcfPrevalenceAndOptions() throws Exception {
        Path scores = csv("s.csv", "epoch,1,2\n1,0.95,0.5\n2,0.5,0.86\n");
        CommandRun tcf = CommandRun.of("schedule", "--strategy", "tcf", "--scores", scores.toString(), "--tau", "0.85", "--low", "0.25");
        assertEquals("epoch,w_1,w_2\n1,0.250000,1.000000\n2,1.000000,0.250000\n", tcf.out(), tcf.err());
        CommandRun prev = CommandRun.of("schedule", "--strategy", "prevalence", "--scores", scores.toString(), "--prevalence", "0.75,0.25");
        assertEquals("epoch,w_1,w_2\n1,0.500000,1.500000\n2,0.500000,1.500000\n", prev.out(), prev.err());
        // ema 0.5: smoothed class 1 = .95 then .725 -> frozen after epoch 1 only; class 2 = .5 then .68
        CommandRun ema = CommandRun.of("schedule", "--strategy", "tcf", "--scores", scores.toString(), "--tau", "0.85", "--ema", "0.5");
        assertEquals("epoch,w_1,w_2\n1,0.100000,1.000000\n2,1.000000,1.000000\n", ema.out(), ema.err());
    }

    @Test
    void badCsvNamesFileAndLine() throws Exception {
        Path cols = csv("cols.csv", "epoch,a,b\n1,0.5,0.5\n2,0.5\n");
        CommandRun r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", cols.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(cols + " line 3") && r.err().contains("columns"), r.err());

        Path word = csv("word.csv", "epoch,a\n1,0.5\n2,good\n");
        r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", word.toString());
        assertTrue(r.err().contains(word + " line 3") && r.err().contains("'good' is not a number"), r.err());

        Path gap = csv("gap.csv", "epoch,a\n1,0.5\n3,0.5\n");
        r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", gap.toString());
        assertTrue(r.err().contains(gap + " line 3") && r.err().contains("expected 2"), r.err());

        Path range = csv("range.csv", "epoch,a\n1,1.5\n");
        r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", range.toString());
        assertTrue(r.err().contains(range + " line 2") && r.err().contains("not in [0, 1]"), r.err());

        Path header = csv("header.csv", "step,a\n1,0.5\n");
        r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", header.toString());
        assertTrue(r.err().contains(header + " line 1") && r.err().contains("'epoch'"), r.err());

        r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", dir.resolve("missing.csv").toString());
        assertTrue(r.err().contains("missing.csv"), r.err());
    }

    @Test
    void badArgumentsAreInvalidInput() throws Exception {
        Path scores = csv("s.csv", "epoch,a,b\n1,0.5,0.5\n");
        CommandRun r = CommandRun.of("schedule", "--strategy", "prevalence", "--scores", scores.toString(), "--prevalence", "0.5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("needs 2 foreground shares"), r.err());
        r = CommandRun.of("schedule", "--strategy", "boost", "--scores", scores.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown schedule 'boost'"), r.err());
        r = CommandRun.of("schedule", "--strategy", "tcf", "--scores", scores.toString(), "--ema", "1.5");
        assertEquals(2, r.exitCode());
    }

    /** PlateauTriggerInitialScoreTest.RISING: A rises every epoch, so without an epoch 0 nothing fires. */
    private static final String RISING = """
            epoch,A,B,C
            1,0.60,0.20,0.40
            2,0.70,0.30,0.50
            3,0.75,0.35,0.60
            4,0.80,0.40,0.70
            5,0.85,0.45,0.72
            6,0.86,0.50,0.70
            7,0.87,0.55,0.69
            8,0.88,0.58,0.70
            """;

    @Test
    void initialScoreOneFiresAtTheFirstTestAfterDelta() throws Exception {
        Path scores = csv("rising.csv", RISING);
        // epoch 3: [1,3] max .75 vs [0,3] max 1 -> A frozen, B min(1/.351, 2) = 2, C 1/.601;
        // epoch 8: C's [6,8] max .70 vs [3,8] max .72 -> C frozen, B 1/.581
        CommandRun one = CommandRun.of("schedule", "--strategy", "cbs", "--scores", scores.toString(),
                "--delta", "2", "--epsilon", "0.01", "--initial-score", "1");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals("""
                epoch,w_A,w_B,w_C
                1,1.000000,1.000000,1.000000
                2,1.000000,1.000000,1.000000
                3,0.100000,2.000000,1.663894
                4,0.100000,2.000000,1.663894
                5,0.100000,2.000000,1.663894
                6,0.100000,2.000000,1.663894
                7,0.100000,2.000000,1.663894
                8,0.100000,1.721170,0.100000
                """, one.out());
        StringBuilder allOnes = new StringBuilder("epoch,w_A,w_B,w_C\n");
        for (int j = 1; j <= 8; j++) allOnes.append(j).append(",1.000000,1.000000,1.000000\n");
        CommandRun none = CommandRun.of("schedule", "--strategy", "cbs", "--scores", scores.toString(),
                "--delta", "2", "--epsilon", "0.01", "--initial-score", "none");
        assertEquals(allOnes.toString(), none.out(), none.err());
        // without the option: the one default, ScheduleSettings.DEFAULT_INITIAL_SCORE
        CommandRun byDefault = CommandRun.of("schedule", "--strategy", "cbs", "--scores", scores.toString(),
                "--delta", "2", "--epsilon", "0.01");
        CommandRun explicit = CommandRun.of("schedule", "--strategy", "cbs", "--scores", scores.toString(),
                "--delta", "2", "--epsilon", "0.01", "--initial-score", ScheduleSettings.DEFAULT_INITIAL_SCORE);
        assertEquals(explicit.out(), byDefault.out(), byDefault.err());
        // pcf: the same freezes without boosts
        CommandRun pcf = CommandRun.of("schedule", "--strategy", "pcf", "--scores", scores.toString(),
                "--delta", "2", "--epsilon", "0.01", "--initial-score", "1.0");
        assertTrue(pcf.out().contains("\n2,1.000000,1.000000,1.000000\n3,0.100000,1.000000,1.000000\n"), pcf.out());
        assertTrue(pcf.out().endsWith("\n8,0.100000,1.000000,0.100000\n"), pcf.out());
    }

    @Test
    void initialScoreMustBeNoneOrAScore() throws Exception {
        Path scores = csv("s.csv", "epoch,a,b\n1,0.5,0.5\n");
        for (String bad : new String[] {"1.5", "-1", "yes"}) {
            CommandRun r = CommandRun.of("schedule", "--strategy", "pcf", "--scores", scores.toString(), "--initial-score", bad);
            assertEquals(2, r.exitCode(), bad);
            assertTrue(r.err().contains("initial score must be 'none' or a number in [0, 1]"), r.err());
        }
        CommandRun help = CommandRun.of("schedule", "--help");
        assertTrue(help.out().contains("--initial-score=none|VALUE") && help.out().contains("(default: " + ScheduleSettings.DEFAULT_INITIAL_SCORE + ")"), help.out());
    }
}

package dynaseg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.eval.Table1Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on a tiny budget: all eight columns train, the report is written, a restart reuses every run. */
@Tag("slow")
class PaperExperimentTest {
    /** 3 phantoms of 24^3, one epoch of one step per column. */
    private static final DemoPlan TINY = new DemoPlan("tiny", 3, 24, new double[] {6, 6, 8}, 1, 1, 16, 1, 1e-3, 1);

    @Test
    void trainsTheEightColumnsWritesTheReportAndReusesFinishedRuns(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Table1Report report = new PaperExperiment(TINY, dir, new PrintStream(first, true, StandardCharsets.UTF_8)).run();

        List<String> titles = report.columns().stream().map(Table1Report.Column::title).toList();
        assertEquals(8, titles.size(), titles.toString());
        for (DemoPlan.RunSpec spec : DemoPlan.RUNS) {
            assertTrue(titles.contains(spec.model() + " " + spec.strategy()), titles.toString());
        }
        assertEquals(13, report.rows().size());
        PaperExperiment experiment = new PaperExperiment(TINY, dir, System.out);
        for (String f : List.of("report.md", "report.csv", "report.html")) {
            assertTrue(Files.isRegularFile(experiment.reportDir().resolve(f)), f);
        }
        Map<String, String> metrics = new HashMap<>();
        for (DemoPlan.RunSpec spec : DemoPlan.RUNS) {
            Path m = experiment.runsDir().resolve(spec.folderName()).resolve("metrics.csv");
            assertEquals(2, Files.readAllLines(m).size(), m + ": header and one epoch");
            metrics.put(spec.folderName(), Files.readString(m));
        }

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        new PaperExperiment(TINY, dir, new PrintStream(second, true, StandardCharsets.UTF_8)).run();
        String log = second.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("reusing the phantoms"), log);
        assertEquals(8, log.split("reusing the finished run", -1).length - 1, log);
        for (DemoPlan.RunSpec spec : DemoPlan.RUNS) {
            Path m = experiment.runsDir().resolve(spec.folderName()).resolve("metrics.csv");
            assertEquals(metrics.get(spec.folderName()), Files.readString(m), "a finished run is not trained again");
        }
    }

    @Test
    void refusesToTouchARunMadeWithOtherSettings(@TempDir Path dir) throws Exception {
        PaperExperiment experiment = new PaperExperiment(TINY, dir, new PrintStream(new ByteArrayOutputStream()));
        Path foreign = experiment.runsDir().resolve("unetr-none");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("config.yaml"), "model: unet3d\nseed: 99\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, experiment::run);
        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
        assertEquals("model: unet3d\nseed: 99\n", Files.readString(foreign.resolve("config.yaml")));
    }
}

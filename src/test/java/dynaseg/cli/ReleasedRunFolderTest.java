package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.CommandRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder written by dynaseg 0.1.0 (src/test/resources/fixtures/run-0.1.0, see its README.txt)
 * still trains on with {@code --resume}, predicts and reports: the run folder and config.yaml are
 * a contract between releases. Only the config's relative data and cache folders are pointed at
 * this test's copy; every other key is read as the release wrote it.
 */
@Tag("slow")
class ReleasedRunFolderTest {
    @TempDir Path tmp;

    private Path copyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(ReleasedRunFolderTest.class.getResource("/fixtures/run-0.1.0").toURI());
        try (Stream<Path> all = Files.walk(fixture)) {
            for (Path p : all.toList()) {
                Path to = tmp.resolve(fixture.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Path config = tmp.resolve("run/config.yaml");
        String yaml = Files.readString(config)
                .replace("data-dirs:\n- data\n", "data-dirs:\n- " + tmp.resolve("data") + "\n")
                .replace("cache-dir: cache\n", "cache-dir: " + tmp.resolve("cache") + "\n");
        Files.writeString(config, yaml);
        return tmp.resolve("run");
    }

    @Test
    void aReleasedRunFolderResumesPredictsAndReports() throws Exception {
        Path run = copyFixture();

        CommandRun resumed = CommandRun.of("train", "--resume", run.toString(), "--epochs", "2", "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.both());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size()); // header + epochs 1 and 2
        assertTrue(Files.readString(run.resolve("checkpoints/last/state.json")).contains("\"epoch\" : 2")
                || Files.readString(run.resolve("checkpoints/last/state.json")).contains("\"epoch\":2"),
                Files.readString(run.resolve("checkpoints/last/state.json")));

        Path predictions = tmp.resolve("predictions");
        CommandRun predicted = CommandRun.of("predict", "--run", run.toString(), "-i",
                tmp.resolve("data/imagesTr/case_0000.nii.gz").toString(), "-o", predictions.toString(), "--threads", "1");
        assertEquals(0, predicted.exitCode(), predicted.both());
        try (Stream<Path> s = Files.list(predictions)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".nii.gz")), names.toString());
        }

        Path report = tmp.resolve("report");
        CommandRun reported = CommandRun.of("report", run.toString(), "--out", report.toString());
        assertEquals(0, reported.exitCode(), reported.both());
        try (Stream<Path> s = Files.list(report)) {
            assertTrue(s.findAny().isPresent(), "an empty report folder");
        }
    }
}

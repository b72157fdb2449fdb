package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynaseg --help}: exit codes and environment variables, documented and true. */
class MainCommandTest {
    static final List<String> VARIABLES = List.of("DYNASEG_THREADS", "DYNASEG_JAVA_OPTS", "DYNASEG_CACHE",
            "DYNASEG_ONEDNN_ISA", "DYNASEG_DEBUG", "DYNASEG_PYTHON");

    @TempDir Path dir;

    @Test
    void helpDocumentsExitCodesAndEnvironment() throws Exception {
        CommandRun help = CommandRun.of("--help");
        assertEquals(0, help.exitCode());
        String out = help.out();
        assertTrue(out.contains("Exit codes:") && out.contains("Environment:"), out);
        for (String code : List.of("  0  success", "  1  the work failed", "  2  bad usage or input")) {
            assertTrue(out.contains(code), code + " in\n" + out);
        }
        String doc = Files.readString(Path.of("docs/CLI.md"));
        for (String v : VARIABLES) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith("  " + v + " ")), v + " in\n" + out);
            assertTrue(doc.contains("`" + v + "`"), v + " in docs/CLI.md");
        }
    }

    @Test
    void theDocumentedExitCodesAreTheRealOnes() {
        assertEquals(2, CommandRun.of("info", "--no-such-option").exitCode()); // usage
        assertEquals(2, CommandRun.of("schedule", "--strategy", "pcf", "--scores", "x.csv", "--initial-score", "yes").exitCode()); // bad input
        assertEquals(1, CommandRun.of("info", dir.resolve("missing.nii.gz").toString()).exitCode()); // the work failed
    }
}

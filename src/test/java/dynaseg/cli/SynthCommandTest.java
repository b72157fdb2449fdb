package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    @Test
    void writesCasesAndPrintsProgressAndShares(@TempDir Path dir) {
        CommandRun r = CommandRun.of("synth", "--out", dir.toString(), "--cases", "2", "--size", "24",
                "--seed", "3", "--spacing", "2,2,3", "--threads", "2");
        String out = r.out();
        assertEquals(0, r.exitCode(), out);
        assertTrue(out.contains("synth: 2/2 cases"), out);
        assertTrue(out.contains("liver") && out.contains("adrenal_gland_left"), out);
        assertTrue(Files.isRegularFile(dir.resolve("imagesTr/case_0001.nii.gz")));
        assertTrue(Files.isRegularFile(dir.resolve("labelsTr/case_0001.nii.gz")));
        assertTrue(Files.isRegularFile(dir.resolve("dataset.json")));
    }

    @Test
    void rejectsASpacingWithoutThreeValues(@TempDir Path dir) {
        CommandRun r = CommandRun.of("synth", "--out", dir.toString(), "--cases", "1", "--spacing", "1,2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--spacing"), r.err());
    }
}

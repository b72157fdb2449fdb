package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
    @Test
    void writesCasesAndPrintsProgressAndShares(@TempDir Path dir) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("synth", "--out", dir.toString(), "--cases", "2", "--size", "24",
                    "--seed", "3", "--spacing", "2,2,3", "--threads", "2");
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("synth: 2/2 cases"), out);
        assertTrue(out.contains("liver") && out.contains("adrenal_gland_left"), out);
        assertTrue(Files.isRegularFile(dir.resolve("imagesTr/case_0001.nii.gz")));
        assertTrue(Files.isRegularFile(dir.resolve("labelsTr/case_0001.nii.gz")));
        assertTrue(Files.isRegularFile(dir.resolve("dataset.json")));
    }

    @Test
    void rejectsASpacingWithoutThreeValues(@TempDir Path dir) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("synth", "--out", dir.toString(), "--cases", "1", "--spacing", "1,2");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--spacing"), err.toString());
    }
}

package dynaseg.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an independent reference in Debian's Python (/usr/bin/python3 with python3-nibabel,
 * python3-numpy, python3-scipy, python3-torch, python3-pydicom, installed by .ci/run). In CI (CI=true) a missing peer fails the
 * test; on a developer machine without the packages the test is skipped with a message.
 */
public final class PythonPeer {
    private static final String PYTHON = System.getenv().getOrDefault("DYNASEG_PYTHON", "/usr/bin/python3");

    private static final Set<String> AVAILABLE = ConcurrentHashMap.newKeySet();

    private PythonPeer() {}

    /** Skips (or, in CI, fails) unless the given Python modules import. */
    public static void require(String... modules) {
        if (AVAILABLE.containsAll(List.of(modules))) return; // importing torch takes seconds
        String imports = "import " + String.join(", ", modules);
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", imports).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        if (ok) {
            AVAILABLE.addAll(List.of(modules));
        } else {
            String msg = PYTHON + " cannot import " + String.join(", ", modules)
                    + " (apt-get install python3-nibabel python3-numpy python3-scipy python3-torch python3-pydicom)";
            if ("true".equals(System.getenv("CI"))) fail(msg);
            Assumptions.assumeTrue(false, msg);
        }
    }

    /** Runs a Python script with arguments; returns its stdout; fails the test with stderr on a non-zero exit. */
    public static String run(String script, String... args) {
        try {
            Path file = Files.createTempFile("dynaseg-peer", ".py");
            try {
                Files.writeString(file, script);
                return runScript(file, args);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs a Python script file (e.g. one of bench/, which imports its neighbours) with arguments;
     * returns its stdout; fails the test with stderr on a non-zero exit.
     */
    public static String runScript(Path script, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).start();
            var err = p.getErrorStream();
            byte[] out = p.getInputStream().readAllBytes();
            String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python peer timed out");
            }
            assertEquals(0, p.exitValue(), () -> "python peer failed:\n" + errText);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dynaseg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer benchmark under {@code bench/} (nibabel, PyTorch eager) run with Debian's Python, whose
 * last stdout line is one JSON object. Peers are optional: when Python, a module or the script is
 * missing, {@link #run} says why on stderr and returns null, and the figure is reported as NaN.
 */
public final class PeerScript {
    static final String PYTHON = System.getenv().getOrDefault("DYNASEG_PYTHON", "/usr/bin/python3");

    private final String name;

    /** @param name the script's file name under bench/, e.g. {@code torch_unet3d.py} */
    public PeerScript(String name) {
        this.name = name;
    }

    /** Runs the script with the arguments; its JSON (the last line it prints), or null on any failure. */
    public JsonNode run(String... args) {
        Path script = find(name);
        if (script == null || !Files.isExecutable(Path.of(PYTHON))) {
            System.err.println("bench: no peer (" + (script == null ? "bench/" + name + " not found" : PYTHON + " missing") + ")");
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                System.err.println("bench: the peer " + name + " failed");
                return null;
            }
            String last = out.substring(out.lastIndexOf('\n') + 1);
            return new ObjectMapper().readTree(last);
        } catch (IOException e) {
            System.err.println("bench: the peer " + name + " failed: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * bench/NAME of the checkout this class runs from: the nearest folder above its code location
     * (target/classes, target/dynaseg.jar or the launcher's copy under target/launch) that holds it;
     * else bench/NAME under the working directory.
     */
    static Path find(String name) {
        List<Path> candidates = new ArrayList<>();
        try {
            Path code = Path.of(PeerScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("bench").resolve(name));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working directory
        }
        candidates.add(Path.of("bench", name).toAbsolutePath());
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        return null;
    }
}

package dynaseg.spark;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep task's run in a JVM of its own. The engine's training state is one per process (DJL
 * lets one gradient collector record at a time, and PyTorch has one random generator and one
 * thread pool), so two runs cannot train at once in one JVM: a Spark task starts this class as a
 * child process with the task's PyTorch threads, waits for it, and fails when it fails (then
 * Spark's retry starts a new child, which resumes the run). Its console goes to the run's log.
 */
public final class SweepChild {
    private SweepChild() {}

    /** Options for the child JVM (default: a share of this JVM's heap). */
    public static final String JAVA_OPTIONS_PROPERTY = "dynaseg.sweep.javaOptions";

    /** args: the serialized task, the attempt, the file the result goes to. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        try {
            dynaseg.engine.OneDnnIsaCap.apply();
            SweepTask task;
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
                task = (SweepTask) in.readObject();
            }
            SweepResult r = task.run(Integer.parseInt(args[1]), System.out);
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[2])))) {
                out.writeObject(r);
            }
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
            System.out.println("error: " + Sweeps.message(e));
            System.out.flush();
            System.exit(1);
        }
    }

    /** Runs {@code task} in a child JVM with {@code threads} PyTorch threads (0 = all cores); its console appended to {@code log}. */
    static SweepResult run(SweepTask task, int attempt, int threads, int slots, Path log, PrintStream console)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dynaseg-sweep-");
        try {
            Path taskFile = dir.resolve("task.bin");
            Path resultFile = dir.resolve("result.bin");
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(taskFile))) {
                out.writeObject(task);
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String opts = System.getProperty(JAVA_OPTIONS_PROPERTY);
            if (opts != null) {
                for (String o : opts.trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
            } else {
                long mb = Math.max(1024, Runtime.getRuntime().maxMemory() / (1024 * 1024) / Math.max(1, slots));
                cmd.add("-Xmx" + mb + "m");
            }
            cmd.add("-Dai.djl.offline=true");
            if (threads > 0) cmd.add("-D" + SparkSupport.THREADS_PROPERTY + "=" + threads);
            cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
            cmd.add("-cp");
            cmd.add(classPath());
            cmd.add(SweepChild.class.getName());
            cmd.add(taskFile.toString());
            cmd.add(Integer.toString(attempt));
            cmd.add(resultFile.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) { // Spark cancels the task: the run stops with it
                p.destroyForcibly();
                throw e;
            }
            if (code != 0 || !Files.isRegularFile(resultFile)) {
                throw new IllegalStateException(lastError(log, code));
            }
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(resultFile))) {
                return (SweepResult) in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** This JVM's class path, with the jar (or folder) of dynaseg's classes first when it is not on it. */
    static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        try {
            String self = Path.of(SweepChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!List.of(cp.split(File.pathSeparator)).contains(self)) cp = self + (cp.isEmpty() ? "" : File.pathSeparator + cp);
        } catch (URISyntaxException | RuntimeException e) {
            // the class path as it is
        }
        return cp;
    }

    private static String lastError(Path log, int code) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("error: ")) return lines.get(i).substring(7);
            }
        } catch (IOException | RuntimeException e) {
            // the exit code then
        }
        return String.format(Locale.ROOT, "the run's JVM ended with exit code %d (see %s)", code, log);
    }
}

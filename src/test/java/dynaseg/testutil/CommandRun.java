package dynaseg.testutil;

import dynaseg.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One {@code dynaseg ...} command run in-process: its exit code, what it printed to standard output
 * and what it printed to standard error. Commands print either directly to System.out/System.err or
 * through picocli's writers, so both routes are captured into the same two buffers.
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Code that prints to System.out/System.err or to the two writers it gets, and returns an exit code. */
    @FunctionalInterface
    public interface Body {
        int run(PrintWriter out, PrintWriter err);
    }

    /** Runs {@code Main.commandLine()} with {@code args}, capturing System.out and System.err for the call. */
    public static CommandRun of(String... args) {
        return capture((out, err) -> {
            CommandLine cl = Main.commandLine();
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        });
    }

    /** Runs {@code body} as a command: what it prints to System.out/System.err (or its writers) is captured. */
    public static CommandRun capture(Body body) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter cliOut = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter cliErr = new PrintWriter(err, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = body.run(cliOut, cliErr);
        } finally {
            // print() without a newline is not auto-flushed
            System.out.flush();
            System.err.flush();
            cliOut.flush();
            cliErr.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Both streams, for assertion messages. */
    public String both() {
        return out + err;
    }
}

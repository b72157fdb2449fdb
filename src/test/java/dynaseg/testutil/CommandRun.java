package dynaseg.testutil;

import dynaseg.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One {@code dynaseg ...} command run in-process: its exit code, what it printed to System.out
 * (commands print there directly) and what picocli wrote to its error stream.
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code Main.commandLine()} with {@code args}, capturing System.out for the call. */
    public static CommandRun of(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** Both streams, for assertion messages. */
    public String both() {
        return out + err;
    }
}

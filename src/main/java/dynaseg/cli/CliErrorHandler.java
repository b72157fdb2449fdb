package dynaseg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the errors a user can act on (bad files, bad arguments) into one clear line on stderr
 * and exit code 2 or 1, instead of a stack trace. Set DYNASEG_DEBUG=1 to see the trace. The codes
 * are documented in {@code dynaseg --help} (Main's footer) and docs/CLI.md: keep them in step.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (System.getenv("DYNASEG_DEBUG") != null) ex.printStackTrace();
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String kind = t instanceof IOException ? "error" : t instanceof IllegalArgumentException ? "invalid input" : "failed";
        // the full command ("dynaseg dataset inspect"), not its last word
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + kind + ": " + t.getMessage());
        return t instanceof IllegalArgumentException ? 2 : 1;
    }
}

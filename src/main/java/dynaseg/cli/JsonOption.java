package dynaseg.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}: print JSON instead of text; a picocli mixin of the commands that print a result
 * (dataset inspect, evaluate, info, models, stats). What the JSON holds, each command's
 * description says. Not bench's {@code --json FILE}, which writes a file besides the table.
 */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text (what it holds: see above).")
    boolean json;

    boolean wanted() {
        return json;
    }
}

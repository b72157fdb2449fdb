package dynaseg.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dynaseg completion}: a bash completion script generated from the commands themselves
 * (picocli's AutoComplete), so it knows every subcommand, option and fixed option value
 * ({@link Choices}) of this build.
 */
@Command(name = "completion", header = "Print a bash completion script (zsh: through bashcompinit).", mixinStandardHelpOptions = true,
        description = "Print a bash completion script for dynaseg: subcommands, options, and the values of the options "
                + "that take one of a fixed set (models, presets, strategies, losses ...). zsh runs it after "
                + "'autoload -U +X compinit && compinit && autoload -U +X bashcompinit && bashcompinit'.",
        footer = {"", "Examples (the command must be on the PATH as dynaseg, e.g. a link to bin/dynaseg):",
            "  source <(dynaseg completion)",
            "  dynaseg completion > ~/.local/share/bash-completion/completions/dynaseg"})
public final class CompletionCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        CommandSpec root = spec.root();
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(root.name(), root.commandLine()));
        out.flush();
    }
}

package dynaseg.cli;

import picocli.CommandLine.Option;

/** {@code --overwrite}: replace output files that exist; a picocli mixin of export and predict. */
final class OverwriteOption {
    @Option(names = "--overwrite", description = "Replace output files that exist already (without it, they are kept).")
    boolean overwrite;

    boolean allowed() {
        return overwrite;
    }
}

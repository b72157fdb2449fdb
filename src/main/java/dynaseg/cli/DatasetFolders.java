package dynaseg.cli;

import dynaseg.data.formats.DatasetOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The dataset folders a {@code dataset} subcommand reads, and how: the source options and the
 * worker threads; a picocli mixin of dataset inspect and convert. Whether several folders are
 * combined or taken one by one, each command's description says.
 */
final class DatasetFolders {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Dataset folder(s).")
    List<Path> dirs;

    @Mixin DatasetSourceOptions source;

    @Mixin WorkerThreadsOption threads;

    private final AtomicInteger skipped = new AtomicInteger();

    /** Library options with these settings; each skipped case is printed on {@code err} as a warning and counted. */
    DatasetOptions options(PrintWriter err) {
        return source.toOptions(threads.workers(), err, skipped);
    }

    /** The cases skipped so far. */
    int skipped() {
        return skipped.get();
    }
}

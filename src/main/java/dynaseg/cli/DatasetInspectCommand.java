package dynaseg.cli;

import dynaseg.data.SegmentationDataset;
import dynaseg.data.formats.DatasetFormat;
import dynaseg.data.formats.DatasetInspector;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.DatasetStats;
import dynaseg.data.formats.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dynaseg dataset inspect}: the layout, cases, organ filter, spacing/size and organ voxel shares of a folder. */
@Command(name = "inspect", header = "Show a dataset: format, cases, organ filter, spacing, voxel shares.", mixinStandardHelpOptions = true,
        description = "Show a dataset folder's layout, its cases, how many pass the organ filter, spacing and size statistics, "
                + "and each organ's share of the labelled voxels (the paper's Table 1 'Voxels (%%)'). Reads every label map once.",
        footer = {"", "Examples:",
            "  dynaseg dataset inspect data/Totalsegmentator_dataset_v201",
            "  dynaseg dataset inspect data/BTCV --json",
            "  dynaseg dataset inspect data/totalseg_outputs --format nnunet --label-map totalseg-v2"})
public final class DatasetInspectCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Dataset folder(s); each is inspected on its own.")
    List<Path> dirs;

    @Mixin DatasetSourceOptions source;

    @Option(names = "--json", description = "Print JSON (an array when several folders are given).")
    boolean json;

    @Mixin WorkerThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicInteger warnings = new AtomicInteger();
        int workers = threads.workers();
        DatasetOptions opts = source.toOptions(workers, DatasetSourceOptions.warningPrinter(err, warnings));
        List<DatasetStats> all = new ArrayList<>();
        for (Path dir : dirs) {
            DatasetFormat format = source.formatOf(dir);
            SegmentationDataset dataset = Datasets.openUnfiltered(dir, format, opts);
            DatasetStats stats = new DatasetInspector(opts.minOrgansFor(format)).inspect(dataset, opts, (done, total, id) -> {
                synchronized (err) {
                    err.printf("\rinspect %s: %d/%d cases", dir.getFileName(), done, total);
                    err.flush();
                }
            });
            err.println();
            all.add(stats);
            if (!json) {
                out.println(dir + ":");
                out.print(stats.table());
            }
        }
        if (json) out.println(all.size() == 1 ? all.get(0).toJson() : "[" + String.join(",\n", all.stream().map(DatasetStats::toJson).toList()) + "]");
        if (warnings.get() > 0) err.println(warnings.get() + " case(s) skipped, see the warnings above");
        out.flush();
        return 0;
    }
}

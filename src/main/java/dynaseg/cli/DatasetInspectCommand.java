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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dynaseg dataset inspect}: the layout, cases, organ filter, spacing/size and organ voxel shares of a folder. */
@Command(name = "inspect", header = "Show a dataset: format, cases, organ filter, spacing, voxel shares.", mixinStandardHelpOptions = true,
        description = "Show each dataset folder's layout, its cases, how many pass the organ filter, spacing and size statistics, "
                + "and each organ's share of the labelled voxels (the paper's Table 1 'Voxels (%%)'). Reads every label map once. "
                + "--json prints the same as JSON (an array when several folders are given).",
        footer = {"", "Examples:",
            "  dynaseg dataset inspect data/Totalsegmentator_dataset_v201",
            "  dynaseg dataset inspect data/BTCV --json",
            "  dynaseg dataset inspect data/totalseg_outputs --format nnunet --label-map totalseg-v2"})
public final class DatasetInspectCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin DatasetFolders folders;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DatasetOptions opts = folders.options(err);
        List<DatasetStats> all = new ArrayList<>();
        for (Path dir : folders.dirs) {
            DatasetFormat format = folders.source.formatOf(dir);
            SegmentationDataset dataset = Datasets.openUnfiltered(dir, format, opts);
            DatasetStats stats = new DatasetInspector(opts.minOrgansFor(format)).inspect(dataset, opts, (done, total, id) -> {
                synchronized (err) {
                    err.printf("\rinspect %s: %d/%d cases", dir.getFileName(), done, total);
                    err.flush();
                }
            });
            err.println();
            all.add(stats);
            if (!json.wanted()) {
                out.println(dir + ":");
                out.print(stats.table());
            }
        }
        if (json.wanted()) out.println(all.size() == 1 ? all.get(0).toJson() : "[" + String.join(",\n", all.stream().map(DatasetStats::toJson).toList()) + "]");
        if (folders.skipped() > 0) err.println(folders.skipped() + " case(s) skipped, see the warnings above");
        out.flush();
        return 0;
    }
}

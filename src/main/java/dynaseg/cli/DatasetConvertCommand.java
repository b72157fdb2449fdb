package dynaseg.cli;

import dynaseg.data.SegmentationDataset;
import dynaseg.data.formats.DatasetConverter;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynaseg dataset convert}: writes one or more dataset folders as one MSD dataset with merged label maps. */
@Command(name = "convert", header = "Write a dataset in the MSD layout with merged 13-organ label maps.", mixinStandardHelpOptions = true,
        description = "Write dataset folder(s) in the MSD layout (imagesTr/, labelsTr/ with one uint8 label map per case, "
                + "dataset.json), cases in parallel. TotalSegmentator masks are merged into BTCV label maps and the organ "
                + "filter applies; several folders are combined into one dataset.",
        footer = {"", "Examples:",
            "  dynaseg dataset convert data/Totalsegmentator_dataset_v201 --out data/totalseg_msd",
            "  dynaseg dataset convert data/BTCV data/Totalsegmentator_dataset_v201 --out data/mix --threads 8",
            "  dynaseg dataset convert data/totalseg_outputs --format nnunet --label-map totalseg-v1 --out data/mapped"})
public final class DatasetConvertCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Output folder (must not hold a dataset.json).")
    Path out;

    @Mixin DatasetFolders folders;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        DatasetOptions opts = folders.options(spec.commandLine().getErr());
        SegmentationDataset dataset = Datasets.open(folders.dirs, folders.source.format(), opts);
        stdout.printf("%s: %d cases to convert%n", dataset.format(), dataset.cases().size());
        DatasetConverter.Result result = DatasetConverter.convert(dataset, out, opts, (done, total, id) -> {
            synchronized (stdout) {
                stdout.printf("\rconvert: %d/%d cases", done, total);
                stdout.flush();
            }
        });
        stdout.println();
        stdout.printf("wrote %d cases to %s (%d skipped)%n", result.written(), out, folders.skipped());
        stdout.flush();
        return 0;
    }
}

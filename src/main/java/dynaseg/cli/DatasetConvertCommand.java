package dynaseg.cli;

import dynaseg.data.SegmentationDataset;
import dynaseg.data.formats.DatasetConverter;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.Datasets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Dataset folder(s) to convert.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Output folder (must not hold a dataset.json).")
    Path out;

    @Mixin DatasetSourceOptions source;

    @Mixin WorkerThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicInteger warnings = new AtomicInteger();
        int workers = threads.workers();
        DatasetOptions opts = source.toOptions(workers, DatasetSourceOptions.warningPrinter(err, warnings));
        SegmentationDataset dataset = Datasets.open(dirs, source.format(), opts);
        stdout.printf("%s: %d cases to convert%n", dataset.format(), dataset.cases().size());
        DatasetConverter.Result result = DatasetConverter.convert(dataset, out, opts, (done, total, id) -> {
            synchronized (stdout) {
                stdout.printf("\rconvert: %d/%d cases", done, total);
                stdout.flush();
            }
        });
        stdout.println();
        stdout.printf("wrote %d cases to %s (%d skipped)%n", result.written(), out, warnings.get());
        stdout.flush();
        return 0;
    }
}

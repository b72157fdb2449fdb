package dynaseg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dynaseg dataset}: look at and convert dataset folders (MSD, nnU-Net raw, BTCV, TotalSegmentator). */
@Command(name = "dataset", header = "Inspect dataset folders or convert them to the MSD layout.", mixinStandardHelpOptions = true,
        description = "Inspect dataset folders or convert them to the MSD layout. Layouts: MSD (dataset.json), nnU-Net raw, "
                + "BTCV (RawData/Training/img + label) and TotalSegmentator (<id>/ct.nii.gz + <id>/segmentations/).",
        subcommands = {DatasetInspectCommand.class, DatasetConvertCommand.class},
        footer = {"", "Examples:",
            "  dynaseg dataset inspect data/Totalsegmentator_dataset_v201",
            "  dynaseg dataset convert data/BTCV data/Totalsegmentator_dataset_v201 --out data/btcv_totalseg",
            "", "See docs/DATASETS.md."})
public final class DatasetCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dynaseg.cli;

import dynaseg.data.CaseRef;
import dynaseg.io.LabelMap;
import dynaseg.io.LabelTable;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.measure.OrganStatistics;
import dynaseg.measure.StatisticsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynaseg stats SEG --image CT}: organ volumes and HU statistics of a label map (see {@link OrganStatistics}). */
@Command(
        name = "stats", header = "Organ volumes and HU statistics of a label map over its CT.",
        mixinStandardHelpOptions = true,
        description = {
            "Measure each organ of a label map over the CT it segments: voxel count, volume (voxels x the NIfTI "
                + "voxel size) and the mean, median (exact) and population standard deviation of the CT's values "
                + "inside the organ, in Hounsfield units (scl_slope and scl_inter applied). The two files must be on "
                + "the same grid.",
            "Organs are those of the label table (every one, zero when absent) and any other value in the map "
                + "(label_<k>). The table is --labels FILE (a labels.json, dataset.json or .ctbl), else the "
                + "labels.json next to SEG (predict writes one), else a dataset.json in or above SEG's folder, "
                + "else the 13 BTCV organs.",
            "Prints a table (--json: statistics.json's content). --out DIR writes statistics.json "
                + "(TotalSegmentator's shape: {\"spleen\": {\"volume\": mm3, \"intensity\": mean HU, \"volume_ml\", "
                + "\"voxels\", \"median\", \"std\"}}, null for an absent organ) and statistics.csv (case, organ, label, "
                + "voxels, volume_ml, volume_mm3, mean, median, std)."},
        footer = {"", "Examples:",
            "  dynaseg stats pred/ct.nii.gz --image scans/ct.nii.gz",
            "  dynaseg stats seg.nii.gz --image ct.nii.gz --labels dataset.json --out stats/",
            "  dynaseg stats seg.nii.gz --image ct.nii.gz --json > statistics.json",
            "  dynaseg predict --run runs/unet-cbs -i scans/ -o pred/ --statistics     # the same, per predicted case"})
public final class StatsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SEG", description = "a label map (.nii, .nii.gz; integer values 0..255)")
    Path seg;

    @Option(names = "--image", required = true, paramLabel = "CT", description = "the CT the label map segments, on the same grid")
    Path image;

    @Mixin LabelTableOption labels;

    @Option(names = "--out", paramLabel = "DIR", description = "also write DIR/statistics.json and DIR/statistics.csv")
    Path out;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws IOException {
        LabelTable table = labels.forLabelMap(seg);
        LabelMap map = Nifti.readLabels(seg);
        Volume ct = Nifti.readVolume(image);
        List<OrganStatistics.Organ> rows = OrganStatistics.measure(map, ct, table, seg.toString(), image.toString());
        if (out != null) StatisticsFiles.write(out, CaseRef.idOf(seg), rows);
        var stdout = spec.commandLine().getOut();
        stdout.print(json.wanted() ? StatisticsFiles.json(rows) : StatisticsFiles.table(rows));
        stdout.flush();
        return 0;
    }
}

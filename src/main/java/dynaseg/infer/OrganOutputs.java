package dynaseg.infer;

import dynaseg.io.LabelMap;
import dynaseg.io.LabelTable;
import dynaseg.io.Nifti;
import dynaseg.io.SplitMasks;
import dynaseg.io.Volume;
import dynaseg.measure.OrganStatistics;
import dynaseg.measure.StatisticsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-organ outputs of a predicted case, in its folder {@link PredictionWriter#caseDir
 * out/<case>/} (TotalSegmentator's layout): one binary mask per organ of the table
 * ({@link SplitMasks}, {@code <organ>.nii.gz}) and the organ statistics ({@link StatisticsFiles},
 * {@code statistics.json} and {@code statistics.csv}). They derive from the label map and the
 * scan alone, so a case whose label map exists gets them without being predicted again: asking
 * for them on a rerun costs no network time.
 */
final class OrganOutputs {
    private final PredictionWriter writer;
    private final LabelTable table;
    private final boolean splitMasks;
    private final boolean statistics;

    OrganOutputs(PredictionWriter writer, LabelTable table, boolean splitMasks, boolean statistics) {
        this.writer = writer;
        this.table = table;
        this.splitMasks = splitMasks;
        this.statistics = statistics;
        if (splitMasks) SplitMasks.files(writer.outDir(), table); // two organs with one file name: fail before any work
    }

    /** True when nothing asked for is missing (always false when the writer overwrites and something is asked for). */
    boolean isDone(Path input) {
        return missing(input).isEmpty();
    }

    /** What is asked for and must be written: "split masks", "statistics". */
    List<String> missing(Path input) {
        List<String> kinds = new ArrayList<>();
        Path dir = writer.caseDir(input);
        if (splitMasks && (writer.overwrite() || !SplitMasks.exist(dir, table))) kinds.add("split masks");
        if (statistics && (writer.overwrite() || !StatisticsFiles.exist(dir))) kinds.add("statistics");
        return kinds;
    }

    /**
     * Writes what is missing for the case of {@code input}, from its label map and scan.
     *
     * @param scan the scan in Hounsfield units when already read, else null (read here if the statistics need it)
     * @return what was written, for the case's report line
     */
    List<String> write(Path input, LabelMap labels, Volume scan) throws IOException {
        List<String> kinds = missing(input);
        Path dir = writer.caseDir(input);
        if (kinds.contains("split masks")) SplitMasks.write(labels, table, dir);
        if (kinds.contains("statistics")) {
            Volume hu = scan != null ? scan : Nifti.readVolume(input);
            Path labelsFile = writer.labelsPath(input);
            StatisticsFiles.write(dir, writer.caseName(input),
                    OrganStatistics.measure(labels, hu, table, labelsFile.toString(), input.toString()));
        }
        return kinds;
    }
}

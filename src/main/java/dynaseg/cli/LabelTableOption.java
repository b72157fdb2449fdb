package dynaseg.cli;

import dynaseg.eval.LabelNames;
import dynaseg.io.LabelTable;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --labels FILE}: the organ names of the label maps a command reads, and where they are
 * looked up without it; a picocli mixin of evaluate and stats. Not info's {@code --labels}, a flag
 * that counts values (info's table is {@code --label-table}).
 */
final class LabelTableOption {
    @Option(names = "--labels", paramLabel = "FILE",
            description = "Organ names: labels.json, dataset.json or a Slicer .ctbl (default: looked up beside the label maps, as said above).")
    Path file;

    /**
     * The names for the label maps in {@code labelDir}: the file, else the labels.json there
     * (predict writes one), else a dataset.json in or above {@code datasetDir}, else the BTCV organs.
     */
    LabelNames forLabelMaps(Path labelDir, Path datasetDir) throws IOException {
        return LabelNames.forPredictions(file, labelDir, datasetDir);
    }

    /** The table for one label map: as {@link #forLabelMaps}, both folders being the map's own. */
    LabelTable forLabelMap(Path labelMap) throws IOException {
        Path dir = labelMap.toAbsolutePath().getParent();
        if (dir == null && file == null) return LabelNames.btcv().table(); // a file at the root: nothing beside it
        return forLabelMaps(dir, dir).table();
    }
}

package dynaseg.eval;

import dynaseg.data.formats.MsdDataset;
import dynaseg.data.Organ;
import dynaseg.io.LabelTable;
import dynaseg.io.LabelTableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Organ names for label ids: from a label table file when one is given or found ({@link
 * LabelTableFiles#read}: the {@code labels.json} that {@code predict} writes, a colour table
 * {@code .ctbl}, or the {@code labels} of a dataset.json in MSD form {@code {"1": "spleen"}} or
 * nnU-Net v2 form {@code {"spleen": 1}}), else the BTCV organ names ({@link Organ}) for labels
 * 1..13, else {@code label_<k>}.
 */
public final class LabelNames {
    private final LabelTable table;
    private final Path source;

    private LabelNames(LabelTable table, Path source) {
        this.table = table;
        this.source = source;
    }

    /** BTCV names for 1..13 and {@code label_<k>} for the rest. */
    public static LabelNames btcv() {
        List<String> names = new ArrayList<>();
        names.add(LabelTable.BACKGROUND);
        for (Organ o : Organ.values()) names.add(o.structureName());
        return new LabelNames(LabelTable.ofClassNames(names), null);
    }

    /**
     * The names of the dataset.json in {@code truthDir} or its parent (MSD's {@code labelsTr/} sits
     * next to it), else {@link #btcv()}.
     */
    public static LabelNames near(Path truthDir) throws IOException {
        Path dir = truthDir.toAbsolutePath().normalize();
        for (Path d : new Path[] {dir, dir.getParent()}) {
            if (d != null && Files.isRegularFile(d.resolve(MsdDataset.FILE_NAME))) return read(d.resolve(MsdDataset.FILE_NAME));
        }
        return btcv();
    }

    /**
     * The names for scoring predictions: {@code labelsFile} when given, else the {@code labels.json}
     * that {@code predict} wrote into {@code predictionDir}, else {@link #near(Path) near} the truth.
     */
    public static LabelNames forPredictions(Path labelsFile, Path predictionDir, Path truthDir) throws IOException {
        if (labelsFile != null) return read(labelsFile);
        Optional<Path> written = LabelTableFiles.inFolder(predictionDir);
        return written.isPresent() ? read(written.get()) : near(truthDir);
    }

    /** The table of one file: a labels.json, a dataset.json or a colour table (see {@link LabelTableFiles#read}). */
    public static LabelNames read(Path file) throws IOException {
        return new LabelNames(LabelTableFiles.read(file), file);
    }

    /** The file the names came from, if any. */
    public Optional<Path> source() { return Optional.ofNullable(source); }

    /** The largest label id the file names (0 without one: the BTCV names declare nothing). */
    public int maxLabel() {
        return source == null ? 0 : table.maxValue();
    }

    /** The names as a label table: the file's, or the 13 BTCV organs after the background. */
    public LabelTable table() { return table; }

    public String name(int label) {
        return table.name(label);
    }
}

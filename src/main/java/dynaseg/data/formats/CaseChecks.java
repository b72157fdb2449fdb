package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.Progress;
import dynaseg.io.Geometry;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks made when a folder is opened, from file headers only (cheap): both files of a case
 * exist, their headers read, and the label map lies on the image's grid. Failing cases are
 * reported and left out.
 */
final class CaseChecks {
    private CaseChecks() {}

    /** Cases whose image and label-map headers read and agree; a {@link FilteredDataset} when some fail. */
    static <D extends dynaseg.data.SegmentationDataset> dynaseg.data.SegmentationDataset keepReadablePairs(D dataset, DatasetOptions opts)
            throws IOException {
        List<Boolean> ok = CaseWork.map(dataset.cases(), opts, Progress.NONE, ref -> {
            Geometry image = header(ref.image(), "image");
            Geometry label = header(ref.label(), "label map");
            requireSameGrid(ref.label(), label, ref.image(), image);
            return Boolean.TRUE;
        });
        List<CaseRef> kept = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) if (ok.get(i) != null) kept.add(dataset.cases().get(i));
        return kept.size() == dataset.cases().size() ? dataset : new FilteredDataset(dataset, kept);
    }

    static Geometry header(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("missing " + what + " " + file);
        return Nifti.readHeader(file).geometry();
    }

    static void requireSameGrid(Path file, Geometry g, Path reference, Geometry ref) throws IOException {
        if (!g.sameGrid(ref, Preprocessor.GRID_TOLERANCE_MM)) {
            throw new IOException(file + " is on another grid than " + reference.getFileName() + " (" + g + " vs " + ref + ")");
        }
    }
}

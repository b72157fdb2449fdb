package dynaseg.data;

import java.util.List;

/**
 * A labelled segmentation dataset as the training pipeline sees it, whatever its layout on disk
 * (MSD, BTCV, TotalSegmentator, nnU-Net raw, ...): cases with an image and a label map, and the
 * class names indexed by label id (0 = background, ids 0..C-1 contiguous). It is also the
 * {@link CaseReader} of its cases (NIfTI unless the layout needs otherwise).
 */
public interface SegmentationDataset extends CaseReader {
    /** Short name of the on-disk layout, e.g. {@code msd}. */
    String format();

    /** Every labelled case (training and, when the dataset names them, validation cases), in file order. */
    List<CaseRef> cases();

    /** Class names indexed by label id: element 0 is the background. */
    List<String> classNames();

    /** C, the number of label ids including background. */
    default int classCount() { return classNames().size(); }

    /** The validation cases the dataset itself names (a subset of {@link #cases()}); empty when it names none. */
    default List<CaseRef> validationCases() { return List.of(); }

    /**
     * Labelled test cases the dataset itself holds out (not in {@link #cases()}), e.g.
     * TotalSegmentator's meta.csv split {@code test}; empty when it names none.
     */
    default List<CaseRef> testCases() { return List.of(); }
}

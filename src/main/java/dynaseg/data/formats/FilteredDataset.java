package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Some of another dataset's cases (those that passed the file checks or the organ filter); reads,
 * format and class names are the source's.
 */
public final class FilteredDataset implements SegmentationDataset {
    private final SegmentationDataset source;
    private final List<CaseRef> cases;
    private final List<CaseRef> validation;

    FilteredDataset(SegmentationDataset source, List<CaseRef> kept) {
        this.source = source;
        this.cases = List.copyOf(kept);
        Set<CaseRef> keep = new HashSet<>(kept);
        this.validation = source.validationCases().stream().filter(keep::contains).toList();
    }

    /** The dataset before filtering. */
    public SegmentationDataset source() { return source; }

    /** How many of the source's cases were left out. */
    public int droppedCount() { return source.cases().size() - cases.size(); }

    @Override public String format() { return source.format(); }
    @Override public List<CaseRef> cases() { return cases; }
    @Override public List<String> classNames() { return source.classNames(); }
    @Override public List<CaseRef> validationCases() { return validation; }
    @Override public Volume readImage(CaseRef ref) throws IOException { return source.readImage(ref); }
    @Override public LabelMap readLabels(CaseRef ref) throws IOException { return source.readLabels(ref); }
}

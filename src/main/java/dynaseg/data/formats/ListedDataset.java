package dynaseg.data.formats;

import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.util.List;

/** A dataset given by its list of cases and a reader; the common shape of the folder layouts. */
class ListedDataset implements SegmentationDataset {
    private final String format;
    private final List<String> classNames;
    private final List<CaseRef> cases;
    private final List<CaseRef> validation;
    private final CaseReader reader;

    ListedDataset(String format, List<String> classNames, List<CaseRef> cases, List<CaseRef> validation, CaseReader reader) {
        this.format = format;
        this.classNames = List.copyOf(classNames);
        this.cases = List.copyOf(cases);
        this.validation = List.copyOf(validation);
        this.reader = reader;
    }

    @Override public String format() { return format; }
    @Override public List<CaseRef> cases() { return cases; }
    @Override public List<String> classNames() { return classNames; }
    @Override public List<CaseRef> validationCases() { return validation; }
    @Override public Volume readImage(CaseRef ref) throws IOException { return reader.readImage(ref); }
    @Override public LabelMap readLabels(CaseRef ref) throws IOException { return reader.readLabels(ref); }
}

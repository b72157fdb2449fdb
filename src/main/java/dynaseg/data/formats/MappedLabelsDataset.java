package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.util.List;

/**
 * A dataset whose label files are TotalSegmentator multi-label outputs, read as BTCV label maps
 * ({@code --label-map totalseg-v1|totalseg-v2}): the ids are mapped on reading, and the class names
 * are background plus the 13 organs, whatever the source's dataset.json says.
 */
public final class MappedLabelsDataset implements SegmentationDataset {
    private final SegmentationDataset source;
    private final TotalSegLabelMapping mapping;

    public MappedLabelsDataset(SegmentationDataset source, TotalSegLabelMapping mapping) {
        this.source = source;
        this.mapping = mapping;
    }

    public TotalSegLabelMapping mapping() { return mapping; }

    @Override public String format() { return source.format(); }
    @Override public List<CaseRef> cases() { return source.cases(); }
    @Override public List<String> classNames() { return BtcvDataset.organClassNames(); }
    @Override public List<CaseRef> validationCases() { return source.validationCases(); }
    @Override public Volume readImage(CaseRef ref) throws IOException { return source.readImage(ref); }
    @Override public LabelMap readLabels(CaseRef ref) throws IOException { return mapping.apply(source.readLabels(ref)); }
}

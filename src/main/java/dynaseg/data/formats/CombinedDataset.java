package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several datasets read as one (repeated {@code --data}, e.g. the paper's BTCV plus filtered
 * TotalSegmentator). Their class names must agree. A case id found in more than one source is made
 * unique by prefixing the source's name ({@code <source>_<id>}); other ids stay as they are.
 */
public final class CombinedDataset implements SegmentationDataset {
    private record Entry(SegmentationDataset source, CaseRef ref) {}

    private final List<SegmentationDataset> sources;
    private final List<String> sourceNames;
    private final List<CaseRef> cases = new ArrayList<>();
    private final List<CaseRef> validation = new ArrayList<>();
    private final Map<String, Entry> byId = new HashMap<>();

    private CombinedDataset(List<String> sourceNames, List<SegmentationDataset> sources) {
        this.sources = List.copyOf(sources);
        this.sourceNames = uniqueNames(sourceNames);
    }

    /**
     * Joins {@code sources}; {@code sourceNames} (e.g. the folder names) prefix clashing ids.
     *
     * @throws IllegalArgumentException when the class names differ, naming both lists
     */
    public static CombinedDataset of(List<String> sourceNames, List<SegmentationDataset> sources) {
        if (sources.isEmpty()) throw new IllegalArgumentException("no dataset to combine");
        if (sourceNames.size() != sources.size()) throw new IllegalArgumentException("one name per source is needed");
        List<String> names = sources.get(0).classNames();
        for (int i = 1; i < sources.size(); i++) {
            if (!sources.get(i).classNames().equals(names)) {
                throw new IllegalArgumentException("the datasets have different classes and cannot be combined: "
                        + sourceNames.get(0) + " has " + names + ", " + sourceNames.get(i) + " has " + sources.get(i).classNames()
                        + " (for TotalSegmentator multi-label files use --label-map totalseg-v1|totalseg-v2)");
            }
        }
        CombinedDataset c = new CombinedDataset(sourceNames, sources);
        c.index();
        return c;
    }

    private void index() {
        Map<String, Integer> seen = new HashMap<>();
        for (SegmentationDataset s : sources) {
            Set<String> ids = new LinkedHashSet<>();
            for (CaseRef r : s.cases()) ids.add(r.id());
            for (String id : ids) seen.merge(id, 1, Integer::sum);
        }
        for (int i = 0; i < sources.size(); i++) {
            SegmentationDataset s = sources.get(i);
            Map<CaseRef, CaseRef> renamed = new HashMap<>();
            for (CaseRef r : s.cases()) {
                String id = seen.get(r.id()) > 1 ? sourceNames.get(i) + "_" + r.id() : r.id();
                CaseRef outer = new CaseRef(id, r.image(), r.label());
                if (byId.put(id, new Entry(s, r)) != null) {
                    throw new IllegalArgumentException("case id '" + id + "' would appear twice in the combined dataset");
                }
                renamed.put(r, outer);
                cases.add(outer);
            }
            for (CaseRef r : s.validationCases()) {
                CaseRef outer = renamed.get(r);
                if (outer != null) validation.add(outer);
            }
        }
    }

    private static List<String> uniqueNames(List<String> names) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> count = new HashMap<>();
        for (String n : names) count.merge(n, 1, Integer::sum);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).replaceAll("[^A-Za-z0-9.-]", "-");
            out.add(count.get(names.get(i)) > 1 ? n + "-" + (i + 1) : n);
        }
        return List.copyOf(out);
    }

    /** The combined datasets, in the order given. */
    public List<SegmentationDataset> sources() { return sources; }

    /** The source a case of this dataset comes from. */
    public SegmentationDataset sourceOf(CaseRef ref) { return entry(ref).source(); }

    /** The case as its source knows it (its original id). */
    public CaseRef sourceRef(CaseRef ref) { return entry(ref).ref(); }

    private Entry entry(CaseRef ref) {
        Entry e = byId.get(ref.id());
        if (e == null) throw new IllegalArgumentException("case '" + ref.id() + "' is not part of this dataset");
        return e;
    }

    /** The sources' formats joined by '+', e.g. {@code btcv+totalseg}. */
    @Override
    public String format() {
        Set<String> f = new LinkedHashSet<>();
        for (SegmentationDataset s : sources) f.add(s.format());
        return String.join("+", f);
    }

    @Override public List<CaseRef> cases() { return List.copyOf(cases); }
    @Override public List<String> classNames() { return sources.get(0).classNames(); }
    @Override public List<CaseRef> validationCases() { return List.copyOf(validation); }
    @Override public Volume readImage(CaseRef ref) throws IOException { return sourceOf(ref).readImage(sourceRef(ref)); }
    @Override public LabelMap readLabels(CaseRef ref) throws IOException { return sourceOf(ref).readLabels(sourceRef(ref)); }
}

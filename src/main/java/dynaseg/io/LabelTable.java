package dynaseg.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the values of a label map mean: label value to organ name, and one display colour per
 * value. It travels with every label map that {@code dynaseg predict} writes
 * ({@link LabelTableFiles}: nnU-Net's {@code labels.json} and 3D Slicer's {@code labels.ctbl}),
 * and names organs wherever the project shows them (evaluate, info, stats, report).
 *
 * <p>Colours: the k-th organ (label k + 1) takes {@link #organRgb(int) organRgb(k)}, the palette
 * of the training plots, so a structure has one colour in a run's plots, in Slicer and in the
 * figures; background (0) is black and fully transparent, as in Slicer's own tables. A table read
 * from a colour-table file keeps that file's colours.
 *
 * <p>Immutable. Values are 0..255 (a label map holds one unsigned byte per voxel); names are unique.
 */
public final class LabelTable {
    /** matplotlib's tab20, darker shades first: 20 colours tell 13 organs apart. */
    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};

    /** The name of value 0 in tables made from class lists. */
    public static final String BACKGROUND = "background";

    /** One entry: a label value, its name and its colour as 0xAARRGGBB. */
    public record Entry(int value, String name, int argb) {
        public int red() { return (argb >>> 16) & 0xFF; }
        public int green() { return (argb >>> 8) & 0xFF; }
        public int blue() { return argb & 0xFF; }
        public int alpha() { return argb >>> 24; }
    }

    private final SortedMap<Integer, Entry> entries;

    private LabelTable(SortedMap<Integer, Entry> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    /** The palette colour (0xRRGGBB) of the k-th organ, 0-based: label k + 1. */
    public static int organRgb(int k) {
        if (k < 0) throw new IllegalArgumentException("organ index must be >= 0: " + k);
        return PALETTE[k % PALETTE.length];
    }

    /** The palette's colours (0xRRGGBB) in order, for plots that colour series one after another. */
    public static int[] palette() {
        return PALETTE.clone();
    }

    /** The default colour (0xAARRGGBB) of a value: transparent black for 0, the organ palette otherwise. */
    public static int defaultArgb(int value) {
        return value == 0 ? 0 : 0xFF000000 | organRgb(value - 1);
    }

    /**
     * Class names by label value, as a run lists them ({@code classNames.get(0)} is the background),
     * with the default colours.
     */
    public static LabelTable ofClassNames(List<String> classNames) {
        Map<Integer, String> names = new TreeMap<>();
        for (int v = 0; v < classNames.size(); v++) names.put(v, classNames.get(v));
        return of(names);
    }

    /** Names by value, with the default colours. */
    public static LabelTable of(Map<Integer, String> names) {
        SortedMap<Integer, Entry> e = new TreeMap<>();
        names.forEach((value, name) -> e.put(value, new Entry(value, name, defaultArgb(value))));
        return ofEntries(e.values());
    }

    /**
     * Entries as given (colours included).
     *
     * @throws IllegalArgumentException for a value outside 0..255, an empty name, or a value or
     *     name given twice
     */
    public static LabelTable ofEntries(Iterable<Entry> entries) {
        SortedMap<Integer, Entry> byValue = new TreeMap<>();
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.value() < 0 || e.value() > 255) {
                throw new IllegalArgumentException("label value " + e.value() + " (" + e.name() + ") is outside 0..255");
            }
            if (e.name() == null || e.name().isBlank()) throw new IllegalArgumentException("label " + e.value() + " has no name");
            if (byValue.put(e.value(), e) != null) throw new IllegalArgumentException("label value " + e.value() + " is given twice");
            Integer other = byName.put(e.name(), e.value());
            if (other != null) {
                throw new IllegalArgumentException("labels " + other + " and " + e.value() + " are both named '" + e.name() + "'");
            }
        }
        return new LabelTable(byValue);
    }

    /** Entries by ascending value, background included when the table has it. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Entries of the values 1..255 (the organs), ascending. */
    public List<Entry> organs() {
        return List.copyOf(entries.tailMap(1).values());
    }

    public boolean contains(int value) {
        return entries.containsKey(value);
    }

    /** The largest value the table names, 0 for an empty table. */
    public int maxValue() {
        return entries.isEmpty() ? 0 : entries.lastKey();
    }

    /** The table's name for {@code value}, else {@code label_<value>} (so every value has a name). */
    public String name(int value) {
        Entry e = entries.get(value);
        return e != null ? e.name() : "label_" + value;
    }

    /** The colour (0xAARRGGBB) of {@code value}: the table's, else the default. */
    public int argb(int value) {
        Entry e = entries.get(value);
        return e != null ? e.argb() : defaultArgb(value);
    }

    /** Names by value (for comparing tables without their colours). */
    public SortedMap<Integer, String> names() {
        SortedMap<Integer, String> m = new TreeMap<>();
        entries.forEach((v, e) -> m.put(v, e.name()));
        return m;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelTable t && t.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LabelTable{");
        entries.forEach((v, e) -> sb.append(sb.length() > 11 ? ", " : "").append(v).append('=').append(e.name())
                .append(String.format(Locale.ROOT, " #%08x", e.argb())));
        return sb.append('}').toString();
    }
}

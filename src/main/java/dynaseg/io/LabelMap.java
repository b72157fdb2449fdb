package dynaseg.io;

/**
 * Integer labels 0..255 (0 = background) on a {@link Geometry}, one unsigned byte per voxel.
 * The label array is shared, not copied.
 */
public final class LabelMap {
    private final Geometry geometry;
    private final byte[] labels;

    public LabelMap(Geometry geometry, byte[] labels) {
        if (labels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("label count " + labels.length + " does not match " + geometry);
        }
        this.geometry = geometry;
        this.labels = labels;
    }

    public Geometry geometry() { return geometry; }
    public byte[] labels() { return labels; }
    public int get(int x, int y, int z) { return labels[geometry.index(x, y, z)] & 0xFF; }

    /** Voxel count of each label value 0..255. */
    public long[] counts() {
        long[] counts = new long[256];
        for (byte b : labels) counts[b & 0xFF]++;
        return counts;
    }
}

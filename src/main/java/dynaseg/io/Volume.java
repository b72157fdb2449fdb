package dynaseg.io;

/**
 * An image: one float per voxel (scaled values, e.g. Hounsfield units) on a {@link Geometry}.
 * The voxel array is shared, not copied: callers that keep a Volume must not change it.
 */
public final class Volume {
    private final Geometry geometry;
    private final float[] voxels;

    public Volume(Geometry geometry, float[] voxels) {
        if (voxels.length != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel count " + voxels.length + " does not match " + geometry);
        }
        this.geometry = geometry;
        this.voxels = voxels;
    }

    public Geometry geometry() { return geometry; }
    public float[] voxels() { return voxels; }
    public float get(int x, int y, int z) { return voxels[geometry.index(x, y, z)]; }
}

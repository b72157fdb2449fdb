package dynaseg.phantom;

import dynaseg.data.Organ;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.SplittableRandom;

/**
 * Makes synthetic contrast-enhanced abdominal CT phantoms with BTCV labels, standing in for BTCV
 * and TotalSegmentator scans in tests and demonstrations.
 *
 * <p>A case is an n^3 grid in RAS orientation. Its organs ({@link AbdomenLayout}), body
 * ({@link BodyModel}) and intensities ({@link HounsfieldModel}) are drawn from a random generator
 * seeded by (seed, case index) alone, so a case is the same whichever thread makes it. Every shape
 * is evaluated at smoothly displaced coordinates ({@link DisplacementField}); the HU image is then
 * blurred (partial volume), given Gaussian noise and rounded to integers.
 */
public final class PhantomGenerator {
    /** Sigma of the point spread, in voxels. */
    static final double BLUR_SIGMA = 0.6;

    private final int size;
    private final double[] spacing;
    private final long seed;
    private final double minOrganRadiusVoxels;

    /**
     * @param size    voxels per axis (at least 8; all 13 organs are present from 24 on)
     * @param spacing voxel size in mm (x, y, z)
     */
    public PhantomGenerator(int size, double[] spacing, long seed) {
        this(size, spacing, seed, 1);
    }

    /**
     * @param minOrganRadiusVoxels smallest organ semi-axis in voxels (1 = the calibrated shapes;
     *        more thickens thin organs on coarse grids, see {@link AbdomenLayout})
     */
    public PhantomGenerator(int size, double[] spacing, long seed, double minOrganRadiusVoxels) {
        if (!(minOrganRadiusVoxels >= 1)) throw new IllegalArgumentException("minimum organ radius must be >= 1 voxel");
        this.minOrganRadiusVoxels = minOrganRadiusVoxels;
        if (size < 8) throw new IllegalArgumentException("phantom size must be at least 8 voxels, got " + size);
        if (spacing.length != 3 || !(spacing[0] > 0 && spacing[1] > 0 && spacing[2] > 0)) {
            throw new IllegalArgumentException("spacing needs three positive values in mm");
        }
        this.size = size;
        this.spacing = spacing.clone();
        this.seed = seed;
    }

    public int size() { return size; }

    /** The seed of case {@code index}: a SplitMix64 mix of (seed, index), independent of threading. */
    public static long caseSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public PhantomCase generate(int index) {
        SplittableRandom rng = new SplittableRandom(caseSeed(seed, index));
        double scale = 0.92 + 0.12 * rng.nextDouble();
        HounsfieldModel hu = new HounsfieldModel(rng);
        BodyModel body = new BodyModel(scale, rng, hu);
        AbdomenLayout layout = new AbdomenLayout(rng, size, scale, minOrganRadiusVoxels);
        DisplacementField field = new DisplacementField(0.05, 2.5, rng);
        PlaneWaves texture = new PlaneWaves(6, 12, rng);

        int n = size;
        int count = n * n * n;
        float[] cu = new float[count], cv = new float[count], cw = new float[count];
        float[] image = new float[count];
        byte[] labels = new byte[count];
        boolean[] cavity = new boolean[count];
        double[] p = new double[3];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = x + n * (y + n * z);
                    field.apply(coord(x), coord(y), coord(z), p);
                    cu[i] = (float) p[0];
                    cv[i] = (float) p[1];
                    cw[i] = (float) p[2];
                    image[i] = (float) body.tissueHu(p[0], p[1], p[2]);
                    cavity[i] = body.inCavity(p[0], p[1], p[2]);
                }
            }
        }
        VoxelPainter painter = new VoxelPainter(n, cu, cv, cw, field.maxDisplacement());
        for (AbdomenLayout.BowelLoop loop : layout.bowel()) {
            painter.paint(loop.shape(), (i, level) -> {
                if (!cavity[i] || labels[i] != 0) return;
                image[i] = (float) hu.bowel(level, loop.lumenKind(), texture.value(cu[i], cv[i], cw[i]));
            });
        }
        for (AbdomenLayout.OrganPart part : layout.organs()) {
            Organ organ = part.organ();
            Bounds b = part.shape().bounds();
            double height = b.w1() - b.w0();
            painter.paint(part.shape(), (i, level) -> {
                if (!cavity[i]) return;
                labels[i] = (byte) organ.label();
                double t = texture.value(cu[i], cv[i], cw[i]);
                image[i] = (float) hu.organ(organ, level, (cw[i] - b.w0()) / height, t);
            });
        }
        for (Shape vessel : layout.hepaticVessels()) {
            painter.paint(vessel, (i, level) -> {
                if (labels[i] == Organ.LIVER.label()) image[i] = (float) hu.hepaticVessel();
            });
        }
        GaussianBlur.apply(image, n, n, n, BLUR_SIGMA);
        double sigma = hu.noiseSigma();
        for (int i = 0; i < count; i++) {
            double v = image[i] + sigma * rng.nextGaussian();
            image[i] = (float) Math.max(-1024, Math.min(3071, Math.round(v)));
        }
        Geometry g = Geometry.axisAligned(n, n, n, spacing[0], spacing[1], spacing[2]);
        return new PhantomCase(index, new Volume(g, image), new LabelMap(g, labels), layout.gallbladderPresent());
    }

    /** Normalized coordinate of a voxel centre: -1 at the box's low face, +1 at its high face. */
    private double coord(int i) {
        return 2.0 * (i + 0.5) / size - 1.0;
    }
}

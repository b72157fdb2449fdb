package dynaseg.phantom;

import dynaseg.data.Organ;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Where the 13 BTCV organs, the bowel loops and the liver's veins lie in one phantom case, in the
 * normalized RAS coordinates of {@link Shape}: u = +1 is the patient's right (liver, IVC), u = -1
 * the left (spleen, stomach); v = +1 anterior; w = +1 superior. The box is a cropped upper abdomen,
 * like a BTCV scan cut to the organs, so that the organs fill it.
 *
 * <p>The base sizes are calibrated ({@link #SIZE}) so that, averaged over cases, each organ's share
 * of labelled voxels is close to the BTCV shares reported in the paper's Table 1.
 */
public final class AbdomenLayout {
    /** An organ's solid; organs are painted in list order, later ones over earlier ones. */
    public record OrganPart(Organ organ, Shape shape) {}

    /** A loop of bowel; {@code lumenKind} in [0, 1) picks its content in {@link HounsfieldModel#bowel}. */
    public record BowelLoop(Shape shape, double lumenKind) {}

    /** Linear size factors found by calibration against the Table 1 shares (see SynthCalibration). */
    static final Map<Organ, Double> SIZE = new EnumMap<>(Organ.class);
    static {
        // 6 damped rounds over 60 cases of 96^3, seed 777 (SynthCalibration in the tests)
        SIZE.put(Organ.SPLEEN, 1.319);
        SIZE.put(Organ.KIDNEY_RIGHT, 1.251);
        SIZE.put(Organ.KIDNEY_LEFT, 1.225);
        SIZE.put(Organ.GALLBLADDER, 1.282);
        SIZE.put(Organ.ESOPHAGUS, 1.067);
        SIZE.put(Organ.LIVER, 0.917);
        SIZE.put(Organ.STOMACH, 1.111);
        SIZE.put(Organ.AORTA, 0.971);
        SIZE.put(Organ.INFERIOR_VENA_CAVA, 0.929);
        SIZE.put(Organ.PORTAL_VEIN_AND_SPLENIC_VEIN, 1.541);
        SIZE.put(Organ.PANCREAS, 1.314);
        SIZE.put(Organ.ADRENAL_GLAND_RIGHT, 1.039);
        SIZE.put(Organ.ADRENAL_GLAND_LEFT, 1.042);
    }

    /** Probability that a case has no gallbladder (cholecystectomy), as in a share of real scans. */
    public static final double GALLBLADDER_MISSING = 0.1;

    private final RandomGenerator rng;
    private final double minSemi;
    private final double minOrganSemi;
    private final double scale, shiftU, shiftV, shiftW;
    private final List<OrganPart> organs = new ArrayList<>();
    private final List<BowelLoop> bowel = new ArrayList<>();
    private final List<Shape> hepaticVessels = new ArrayList<>();
    private final boolean gallbladderPresent;

    /**
     * @param gridSize voxels per axis; shapes keep a semi-axis of at least one voxel so that small
     *                 organs (adrenals) survive on tiny grids
     */
    public AbdomenLayout(RandomGenerator rng, int gridSize, double scale) {
        this(rng, gridSize, scale, 1);
    }

    /**
     * @param minOrganRadiusVoxels the smallest semi-axis of an organ, in voxels (at least 1). A grid
     *        of 64 voxels holds the abdomen at about a third of a 1.5 mm CT's resolution, so thin
     *        organs (adrenals, esophagus, veins) come out 1 to 2 voxels thick, thinner in voxels
     *        than on a CT; a larger minimum gives them the voxel thickness they have there.
     *        Bowel loops keep one voxel.
     */
    public AbdomenLayout(RandomGenerator rng, int gridSize, double scale, double minOrganRadiusVoxels) {
        if (!(minOrganRadiusVoxels >= 1)) throw new IllegalArgumentException("minimum organ radius must be >= 1 voxel");
        this.rng = rng;
        this.minSemi = 2.0 / gridSize;
        this.minOrganSemi = minOrganRadiusVoxels * 2.0 / gridSize;
        this.scale = scale;
        this.shiftU = 0.03 * clampedGaussian();
        this.shiftV = 0.03 * clampedGaussian();
        this.shiftW = 0.06 * clampedGaussian();
        this.gallbladderPresent = rng.nextDouble() >= GALLBLADDER_MISSING;
        placeOrgans();
        placeBowel();
        placeHepaticVessels();
    }

    public List<OrganPart> organs() { return organs; }
    public List<BowelLoop> bowel() { return bowel; }
    public List<Shape> hepaticVessels() { return hepaticVessels; }
    public boolean gallbladderPresent() { return gallbladderPresent; }

    private void placeOrgans() {
        // Painting order: big parenchymal organs first, so that vessels, gallbladder and adrenals cut into them.
        organs.add(new OrganPart(Organ.LIVER, liver()));
        organs.add(new OrganPart(Organ.STOMACH, stomach()));
        organs.add(new OrganPart(Organ.SPLEEN, blob(Organ.SPLEEN, -0.60, -0.25, 0.45, 0.13, 0.30, 0.24, -0.6, 0, 0.1)));
        organs.add(new OrganPart(Organ.PANCREAS, pancreas()));
        organs.add(new OrganPart(Organ.KIDNEY_RIGHT, blob(Organ.KIDNEY_RIGHT, 0.42, -0.36, -0.22, 0.12, 0.14, 0.28, 0.5, -0.25, 0)));
        organs.add(new OrganPart(Organ.KIDNEY_LEFT, blob(Organ.KIDNEY_LEFT, -0.42, -0.34, -0.12, 0.12, 0.14, 0.28, -0.5, 0.25, 0)));
        if (gallbladderPresent) {
            organs.add(new OrganPart(Organ.GALLBLADDER, blob(Organ.GALLBLADDER, 0.30, 0.36, 0.05, 0.07, 0.08, 0.15, 0.2, 0, 0.4)));
        }
        organs.add(new OrganPart(Organ.ESOPHAGUS, tube(Organ.ESOPHAGUS,
                new double[][] {{-0.02, -0.18, 1.15}, {-0.06, -0.12, 0.88}, {-0.16, -0.03, 0.74}, {-0.24, 0.02, 0.68}},
                new double[] {0.045, 0.045, 0.045, 0.05})));
        organs.add(new OrganPart(Organ.PORTAL_VEIN_AND_SPLENIC_VEIN, tube(Organ.PORTAL_VEIN_AND_SPLENIC_VEIN,
                new double[][] {{-0.50, -0.14, 0.26}, {-0.22, -0.03, 0.12}, {0.04, 0.01, 0.05}, {0.18, 0.06, 0.22}, {0.26, 0.04, 0.32}},
                new double[] {0.03, 0.03, 0.035, 0.035, 0.03})));
        organs.add(new OrganPart(Organ.INFERIOR_VENA_CAVA, tube(Organ.INFERIOR_VENA_CAVA,
                new double[][] {{0.14, -0.18, -1.15}, {0.14, -0.17, 0.3}, {0.12, -0.12, 0.75}, {0.08, -0.08, 1.15}},
                new double[] {0.06, 0.06, 0.06, 0.06})));
        organs.add(new OrganPart(Organ.AORTA, tube(Organ.AORTA,
                new double[][] {{-0.05, -0.21, -1.15}, {-0.07, -0.20, -0.3}, {-0.07, -0.21, 0.4}, {-0.05, -0.24, 1.15}},
                new double[] {0.055, 0.06, 0.065, 0.065})));
        organs.add(new OrganPart(Organ.ADRENAL_GLAND_RIGHT, adrenal(Organ.ADRENAL_GLAND_RIGHT, 0.24, -0.28, 0.22, 1)));
        organs.add(new OrganPart(Organ.ADRENAL_GLAND_LEFT, adrenal(Organ.ADRENAL_GLAND_LEFT, -0.24, -0.24, 0.18, -1)));
    }

    private Shape liver() {
        double f = sizeJitter(Organ.LIVER);
        double[] c = point(0.40, 0.0, 0.38);
        Shape right = Superquadric.ellipsoid(c, semi(f, 0.40, 0.52, 0.55), angles(0.2, 0.1, 0));
        Shape left = Superquadric.ellipsoid(point(0.0, 0.32, 0.55), semi(f, 0.38, 0.20, 0.28), angles(-0.3, 0.2, 0));
        return new ShapeUnion(List.of(right, left));
    }

    private Shape stomach() {
        double[][] control = {{-0.30, 0.0, 0.78}, {-0.40, 0.22, 0.50}, {-0.30, 0.40, 0.22}, {-0.02, 0.45, 0.10}, {0.16, 0.32, 0.12}};
        double[] radii = {0.15, 0.17, 0.14, 0.10, 0.06};
        double fill = 0.85 + 0.3 * rng.nextDouble(); // a full or an empty stomach
        for (int i = 0; i < radii.length; i++) radii[i] *= fill;
        return new Lobulated(tube(Organ.STOMACH, control, radii), 0.08, 14, rng);
    }

    private Shape pancreas() {
        double[][] control = {{0.14, 0.02, -0.05}, {0.02, 0.10, 0.02}, {-0.20, 0.06, 0.10}, {-0.45, -0.08, 0.22}};
        double[] radii = {0.10, 0.07, 0.065, 0.05};
        return new Lobulated(tube(Organ.PANCREAS, control, radii), 0.15, 20, rng);
    }

    private Shape adrenal(Organ organ, double u, double v, double w, int side) {
        // An inverted Y: two thin limbs meeting at the top.
        double f = sizeJitter(organ);
        Shape medial = Superquadric.ellipsoid(point(u - side * 0.02, v, w), semi(f, 0.022, 0.07, 0.06), angles(side * 0.5, side * 0.3, 0));
        Shape lateral = Superquadric.ellipsoid(point(u + side * 0.02, v - 0.02, w), semi(f, 0.022, 0.06, 0.06), angles(-side * 0.4, -side * 0.3, 0));
        return new ShapeUnion(List.of(medial, lateral));
    }

    private Shape blob(Organ organ, double u, double v, double w, double a, double b, double c,
                       double aboutW, double aboutV, double aboutU) {
        double f = sizeJitter(organ);
        return Superquadric.ellipsoid(point(u, v, w), semi(f, a, b, c), angles(aboutW, aboutV, aboutU));
    }

    private Shape tube(Organ organ, double[][] control, double[] radii) {
        double f = sizeJitter(organ);
        double[][] pts = new double[control.length][];
        double[] r = new double[radii.length];
        double ju = 0.02 * clampedGaussian(), jv = 0.02 * clampedGaussian();
        for (int i = 0; i < control.length; i++) {
            pts[i] = point(control[i][0] + ju + 0.01 * clampedGaussian(), control[i][1] + jv + 0.01 * clampedGaussian(), control[i][2]);
            r[i] = Math.max(minOrganSemi, radii[i] * f * scale);
        }
        return Tube.smooth(pts, r, 6);
    }

    private void placeBowel() {
        // Duodenum: a C around the pancreatic head, with the same wall enhancement as the pancreas.
        bowel.add(new BowelLoop(loop(new double[][] {{0.16, 0.30, 0.12}, {0.32, 0.14, 0.06}, {0.33, 0.02, -0.14},
                {0.18, 0.04, -0.32}, {-0.02, 0.06, -0.30}, {-0.12, 0.06, -0.18}}, 0.05), rng.nextDouble()));
        // Colon: ascending, transverse, descending.
        bowel.add(new BowelLoop(loop(new double[][] {{0.58, 0.05, -1.1}, {0.60, 0.10, -0.3}, {0.50, 0.30, 0.05},
                {0.0, 0.52, 0.0}, {-0.50, 0.40, 0.15}, {-0.62, 0.05, -0.2}, {-0.58, 0.05, -1.1}}, 0.08), 0.6 + 0.4 * rng.nextDouble()));
        // Small bowel: random coiled loops filling the lower abdomen, and jejunum next to the pancreas,
        // whose wall enhances as the pancreas does.
        int loops = 18 + rng.nextInt(8);
        for (int i = 0; i < loops; i++) {
            double u = -0.55 + 1.1 * rng.nextDouble(), v = -0.1 + 0.65 * rng.nextDouble(), w = -1.0 + 1.0 * rng.nextDouble();
            bowel.add(new BowelLoop(randomLoop(u, v, w, 0.1), rng.nextDouble()));
        }
        for (int i = 0; i < 3; i++) {
            double u = -0.45 + 0.4 * rng.nextDouble(), v = 0.1 + 0.3 * rng.nextDouble(), w = -0.15 + 0.3 * rng.nextDouble();
            bowel.add(new BowelLoop(randomLoop(u, v, w, 0.25), rng.nextDouble()));
        }
    }

    private Shape randomLoop(double u, double v, double w, double top) {
        double[][] pts = new double[7][];
        for (int k = 0; k < pts.length; k++) {
            pts[k] = new double[] {u, v, w};
            u = clamp(u + 0.3 * (rng.nextDouble() - 0.5), -0.62, 0.62);
            v = clamp(v + 0.3 * (rng.nextDouble() - 0.5), -0.15, 0.62);
            w = clamp(w + 0.3 * (rng.nextDouble() - 0.5), -1.05, top);
        }
        return loop(pts, 0.055 + 0.04 * rng.nextDouble());
    }

    private Shape loop(double[][] control, double radius) {
        double[][] pts = new double[control.length][];
        double[] r = new double[control.length];
        for (int i = 0; i < control.length; i++) {
            pts[i] = point(control[i][0], control[i][1], control[i][2]);
            r[i] = Math.max(minSemi, radius * scale);
        }
        return Tube.smooth(pts, r, 4);
    }

    private void placeHepaticVessels() {
        double[] root = {0.12, -0.10, 0.80};
        double[][] tips = {{0.58, 0.0, 0.45}, {0.38, 0.32, 0.62}, {0.0, 0.30, 0.70}, {0.45, -0.25, 0.15}};
        for (double[] tip : tips) {
            double[][] ctl = {root, {(root[0] + tip[0]) / 2, (root[1] + tip[1]) / 2 + 0.03, (root[2] + tip[2]) / 2}, tip};
            hepaticVessels.add(loop(ctl, 0.022));
        }
    }

    private double[] point(double u, double v, double w) {
        return new double[] {scale * u + shiftU, scale * v + shiftV, scale * w + shiftW};
    }

    private double[] semi(double f, double a, double b, double c) {
        return new double[] {Math.max(minOrganSemi, a * f * scale), Math.max(minOrganSemi, b * f * scale),
                Math.max(minOrganSemi, c * f * scale)};
    }

    private double[] angles(double aboutW, double aboutV, double aboutU) {
        double j = 0.08;
        return new double[] {aboutW + j * clampedGaussian(), aboutV + j * clampedGaussian(), aboutU + j * clampedGaussian()};
    }

    private double sizeJitter(Organ organ) {
        return SIZE.get(organ) * Math.exp(0.07 * clampedGaussian());
    }

    private double clampedGaussian() {
        return clamp(rng.nextGaussian(), -2.5, 2.5);
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}

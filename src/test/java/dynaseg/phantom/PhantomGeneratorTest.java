package dynaseg.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.Organ;
import dynaseg.io.Geometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhantomGeneratorTest {
    private static final double[] SPACING = {1.5, 1.5, 2.0};

    @Test
    void sameSeedGivesIdenticalCasesAndOtherSeedsDiffer() {
        PhantomCase a = new PhantomGenerator(24, SPACING, 5).generate(3);
        PhantomCase b = new PhantomGenerator(24, SPACING, 5).generate(3);
        assertArrayEquals(a.image().voxels(), b.image().voxels());
        assertArrayEquals(a.labels().labels(), b.labels().labels());
        PhantomCase otherSeed = new PhantomGenerator(24, SPACING, 6).generate(3);
        PhantomCase otherCase = new PhantomGenerator(24, SPACING, 5).generate(4);
        assertFalse(Arrays.equals(a.image().voxels(), otherSeed.image().voxels()));
        assertFalse(Arrays.equals(a.labels().labels(), otherSeed.labels().labels()));
        assertFalse(Arrays.equals(a.labels().labels(), otherCase.labels().labels()));
    }

    @Test
    void geometryIsRasWithTheRequestedSpacing() {
        Geometry g = new PhantomGenerator(20, SPACING, 1).generate(0).image().geometry();
        assertArrayEquals(new int[] {20, 20, 20}, g.dims());
        assertArrayEquals(SPACING, g.spacing(), 0);
        assertEquals("RAS", g.orientation());
    }

    @Test
    void imageHoldsIntegerHuAndLabelsAreBtcvIdsWithAllOrgansFrom24Voxels() {
        for (int size : new int[] {24, 32}) {
            PhantomGenerator gen = new PhantomGenerator(size, SPACING, 11);
            for (int i = 0; i < 4; i++) {
                PhantomCase c = gen.generate(i);
                for (float v : c.image().voxels()) {
                    assertEquals(Math.rint(v), v, 0, "HU must be integers");
                    assertTrue(v >= -1024 && v <= 3071);
                }
                long[] counts = c.labels().counts();
                for (int l = 14; l < 256; l++) assertEquals(0, counts[l], "label " + l);
                for (Organ o : Organ.values()) {
                    boolean expected = o != Organ.GALLBLADDER || c.gallbladderPresent();
                    assertEquals(expected, counts[o.label()] > 0, o + " at size " + size + " case " + i);
                }
            }
        }
    }

    @Test
    void gallbladderIsSometimesMissing() {
        PhantomGenerator gen = new PhantomGenerator(8, SPACING, 2);
        int missing = 0;
        for (int i = 0; i < 80; i++) if (!gen.generate(i).gallbladderPresent()) missing++;
        // 10% expected; 1..20 of 80 holds with probability > 0.999
        assertTrue(missing >= 1 && missing <= 20, "missing gallbladders: " + missing);
    }

    @Test
    void organsLieOnTheirAnatomicalSides() {
        PhantomGenerator gen = new PhantomGenerator(48, SPACING, 3);
        for (int i = 0; i < 3; i++) {
            PhantomCase c = gen.generate(i);
            double midline = 48 * SPACING[0] / 2; // world x of the box centre (first voxel at the origin)
            double[] liver = centroid(c, Organ.LIVER), spleen = centroid(c, Organ.SPLEEN);
            double[] kr = centroid(c, Organ.KIDNEY_RIGHT), kl = centroid(c, Organ.KIDNEY_LEFT);
            double[] aorta = centroid(c, Organ.AORTA), ivc = centroid(c, Organ.INFERIOR_VENA_CAVA);
            double[] stomach = centroid(c, Organ.STOMACH), gb = centroid(c, Organ.GALLBLADDER);
            // RAS+: +x is the patient's right
            assertTrue(liver[0] > midline, "liver on the patient's right");
            assertTrue(spleen[0] < midline, "spleen on the patient's left");
            assertTrue(kr[0] > midline && kl[0] < midline, "kidneys on both sides");
            assertTrue(stomach[0] < midline, "stomach on the left");
            assertTrue(ivc[0] > aorta[0] && aorta[0] < midline, "aorta left of the spine, IVC right of it");
            if (c.gallbladderPresent()) assertTrue(gb[0] > midline, "gallbladder on the right");
            assertTrue(kr[1] < stomach[1] && kl[1] < stomach[1], "kidneys behind the stomach (+y anterior)");
            assertTrue(liver[2] > kr[2], "liver above the right kidney (+z superior)");
        }
    }

    @Test
    void hounsfieldUnitsAreThoseOfAContrastEnhancedScan() {
        PhantomGenerator gen = new PhantomGenerator(48, SPACING, 4);
        // interior voxels (all six neighbours share the label) show the organ's own HU, not partial volume
        List<List<Float>> values = new ArrayList<>();
        List<List<Float>> all = new ArrayList<>();
        for (int l = 0; l <= 13; l++) {
            values.add(new ArrayList<>());
            all.add(new ArrayList<>());
        }
        for (int i = 0; i < 4; i++) {
            PhantomCase c = gen.generate(i);
            float[] img = c.image().voxels();
            byte[] lab = c.labels().labels();
            int n = 48;
            for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
                int k = x + n * (y + n * z);
                all.get(lab[k]).add(img[k]);
                boolean interior = x > 0 && y > 0 && z > 0 && x < n - 1 && y < n - 1 && z < n - 1
                        && lab[k - 1] == lab[k] && lab[k + 1] == lab[k] && lab[k - n] == lab[k] && lab[k + n] == lab[k]
                        && lab[k - n * n] == lab[k] && lab[k + n * n] == lab[k];
                if (interior) values.get(lab[k]).add(img[k]);
            }
        }
        double liver = median(values, Organ.LIVER), spleen = median(values, Organ.SPLEEN);
        double aorta = median(values, Organ.AORTA), pancreas = median(values, Organ.PANCREAS);
        assertTrue(liver > 80 && liver < 140, "liver " + liver);
        assertTrue(Math.abs(liver - spleen) < 30, "liver and spleen alike: " + liver + " " + spleen);
        assertTrue(aorta > 150, "aorta bright: " + aorta);
        assertTrue(median(values, Organ.KIDNEY_LEFT) > 130 && median(values, Organ.KIDNEY_RIGHT) > 130, "kidneys bright");
        assertTrue(median(values, Organ.PORTAL_VEIN_AND_SPLENIC_VEIN) > 120, "veins bright");
        assertTrue(pancreas > 40 && pancreas < liver, "pancreas enhances less than liver: " + pancreas);
        assertTrue(median(values, Organ.GALLBLADDER) < 50, "gallbladder holds bile");
        assertTrue(median(all, Organ.ADRENAL_GLAND_LEFT) < pancreas + 20, "adrenals faint");
        // background: air around the body, fat and muscle inside it
        List<Float> bg = all.get(0);
        long air = bg.stream().filter(v -> v < -900).count();
        long soft = bg.stream().filter(v -> v > -200 && v < 100).count();
        assertTrue(air > bg.size() / 10 && soft > bg.size() / 5, "air " + air + " soft " + soft + " of " + bg.size());
    }

    @Test
    void organSharesAreCloseToTheBtcvShares() {
        // The full check (20 cases of 96^3) is a CLI run; 6 cases keep this test short.
        PhantomGenerator gen = new PhantomGenerator(96, SPACING, 1);
        OrganShares shares = new OrganShares();
        for (int i = 0; i < 6; i++) shares.add(gen.generate(i).labels());
        for (Organ o : Organ.values()) {
            double target = OrganShares.BTCV_PERCENT.get(o);
            assertEquals(target, shares.percent(o), 0.3 * target, o.structureName());
        }
    }

    private static double median(List<List<Float>> values, Organ organ) {
        List<Float> v = new ArrayList<>(values.get(organ.label()));
        v.sort(null);
        return v.get(v.size() / 2);
    }

    /** World (RAS mm) centroid of an organ, through the geometry's affine. */
    private static double[] centroid(PhantomCase c, Organ organ) {
        Geometry g = c.labels().geometry();
        double[][] a = g.affine();
        double[] sum = new double[3];
        long n = 0;
        for (int z = 0; z < g.nz(); z++) for (int y = 0; y < g.ny(); y++) for (int x = 0; x < g.nx(); x++) {
            if (c.labels().get(x, y, z) != organ.label()) continue;
            for (int r = 0; r < 3; r++) sum[r] += a[r][0] * x + a[r][1] * y + a[r][2] * z + a[r][3];
            n++;
        }
        assertTrue(n > 0, organ + " missing");
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}

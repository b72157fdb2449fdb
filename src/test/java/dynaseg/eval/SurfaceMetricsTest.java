package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Distance transform against brute force; HD95, NSD and the empty-mask rules against hand-computed values. */
class SurfaceMetricsTest {
    @Test
    void distanceTransformEqualsBruteForceWithAnisotropicSpacing() {
        Random r = new Random(3);
        int nx = 13, ny = 9, nz = 7;
        double[] s = {0.7, 1.3, 2.9};
        for (int trial = 0; trial < 5; trial++) {
            boolean[] m = new boolean[nx * ny * nz];
            for (int i = 0; i < m.length; i++) m[i] = r.nextDouble() < (trial == 0 ? 0.005 : 0.05);
            m[r.nextInt(m.length)] = true;
            double[] d = new EuclideanDistanceTransform().squaredDistances(m, nx, ny, nz, s);
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                double best = Double.POSITIVE_INFINITY;
                for (int zz = 0; zz < nz; zz++) for (int yy = 0; yy < ny; yy++) for (int xx = 0; xx < nx; xx++) {
                    if (!m[xx + nx * (yy + ny * zz)]) continue;
                    double dx = (x - xx) * s[0], dy = (y - yy) * s[1], dz = (z - zz) * s[2];
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
                assertEquals(best, d[x + nx * (y + ny * z)], 1e-9, "voxel " + x + "," + y + "," + z);
            }
        }
        double[] none = new EuclideanDistanceTransform().squaredDistances(new boolean[8], 2, 2, 2, s);
        for (double v : none) assertEquals(Double.POSITIVE_INFINITY, v);
    }

    @Test
    void singleVoxelsAlongZUseTheZSpacing() {
        Geometry g = Geometry.axisAligned(5, 5, 9, 0.5, 0.8, 2.5);
        LabelMap pred = LabelPairs.voxels(g, 1, 2, 2, 1);
        LabelMap truth = LabelPairs.voxels(g, 1, 2, 2, 4);
        SurfaceDistances d = SurfaceDistances.of(pred, truth, 1);
        assertEquals(7.5, Hausdorff95.of(d), 1e-12);
        assertEquals(0.0, NormalizedSurfaceDice.of(d, 7.4));
        assertEquals(1.0, NormalizedSurfaceDice.of(d, 7.5));
    }

    @Test
    void surfaceIsTheCrossErosionBoundary() {
        // a 3x3x3 cube in a 5^3 grid: 26 surface voxels (all but the centre); at the grid border all 27
        Geometry g = Geometry.axisAligned(5, 5, 5, 1, 1, 1);
        byte[] cube = new byte[125];
        for (int z = 1; z <= 3; z++) for (int y = 1; y <= 3; y++) for (int x = 1; x <= 3; x++) cube[g.index(x, y, z)] = 1;
        LabelMap m = new LabelMap(g, cube);
        assertEquals(26, SurfaceDistances.of(m, m, 1).truthSurfaceSize());
        byte[] corner = new byte[125];
        for (int z = 0; z <= 2; z++) for (int y = 0; y <= 2; y++) for (int x = 0; x <= 2; x++) corner[g.index(x, y, z)] = 1;
        LabelMap c = new LabelMap(g, corner);
        assertEquals(26, SurfaceDistances.of(c, c, 1).truthSurfaceSize(), "voxel (1,1,1) keeps all 6 neighbours");
        byte[] slab = new byte[125];
        for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) slab[g.index(x, y, 2)] = 1;
        assertEquals(25, SurfaceDistances.of(new LabelMap(g, slab), new LabelMap(g, slab), 1).truthSurfaceSize());
    }

    @Test
    void percentileMatchesNumpysLinearInterpolation() {
        // np.percentile([1, 2, 3, 4, 10], 95) = 4 + 0.8 * 6 = 8.8; [0, 1] at 95 -> 0.95
        assertEquals(8.8, Hausdorff95.percentile(new double[] {10, 2, 4, 1, 3}, 95), 1e-12);
        assertEquals(0.95, Hausdorff95.percentile(new double[] {1, 0}, 95), 1e-12);
        assertEquals(7.0, Hausdorff95.percentile(new double[] {7}, 95));
        assertTrue(Double.isNaN(Hausdorff95.percentile(new double[0], 95)));
        assertThrows(IllegalArgumentException.class, () -> Hausdorff95.percentile(new double[] {1}, 101));
    }

    @Test
    void emptyMasksFollowTheDocumentedRules() {
        Geometry g = Geometry.axisAligned(6, 6, 6, 1, 1, 1);
        LabelMap empty = new LabelMap(g, new byte[216]);
        LabelMap one = LabelPairs.voxels(g, 1, 3, 3, 3);
        // truth has it, prediction missed it: Dice 0, HD95 inf, NSD 0
        CaseEvaluation missed = CaseEvaluation.evaluate("c", empty, one, 1.0, 1);
        assertEquals(new OrganScores(0, Double.POSITIVE_INFINITY, 0), missed.scores(1));
        // only predicted: absent from the truth -> NaN everywhere
        CaseEvaluation falsePositive = CaseEvaluation.evaluate("c", one, empty, 1.0, 1);
        assertEquals(OrganScores.ABSENT, falsePositive.scores(1));
        // neither: NaN, also from the metric classes themselves
        SurfaceDistances none = SurfaceDistances.of(empty, empty, 1);
        assertTrue(Double.isNaN(Hausdorff95.of(none)));
        assertTrue(Double.isNaN(NormalizedSurfaceDice.of(none, 1)));
        SurfaceDistances half = SurfaceDistances.of(one, empty, 1);
        assertEquals(Double.POSITIVE_INFINITY, Hausdorff95.of(half));
        assertEquals(0.0, NormalizedSurfaceDice.of(half, 100));
        assertEquals(3, CaseEvaluation.evaluate("c", empty, one, 1.0, 3).maxLabel(), "minLabels pads the label range");
    }

    @Test
    void differentGridsAreRejected() {
        LabelMap a = new LabelMap(Geometry.axisAligned(4, 4, 4, 1, 1, 1), new byte[64]);
        LabelMap b = new LabelMap(Geometry.axisAligned(4, 4, 4, 1, 1, 2), new byte[64]);
        var e = assertThrows(IllegalArgumentException.class, () -> CaseEvaluation.evaluate("k", a, b, 1, 1));
        assertTrue(e.getMessage().contains("different grids"), e.getMessage());
    }
}

package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianImportanceMapTest {
    /** exp(-sum_a (i_a - (p_a - 1)/2)^2 / (2 (p_a/8)^2)) / its maximum, written directly in 3D. */
    private static double expected(int[] p, int z, int y, int x) {
        int[] i = {z, y, x};
        double exponent = 0;
        double maxExponent = 0;
        for (int a = 0; a < 3; a++) {
            double s = p[a] / 8.0;
            double d = i[a] - (p[a] - 1) / 2.0;
            exponent += d * d / (2 * s * s);
            double dMin = (p[a] % 2 == 1) ? 0 : 0.5; // the voxel closest to the centre
            maxExponent += dMin * dMin / (2 * s * s);
        }
        return Math.exp(-(exponent - maxExponent));
    }

    @Test
    void valuesMatchTheFormulaForOddEvenAndAnisotropicPatches() {
        for (int[] p : new int[][] {{16, 16, 16}, {9, 12, 7}, {32, 8, 20}}) {
            float[] map = GaussianImportanceMap.compute(p);
            assertEquals(p[0] * p[1] * p[2], map.length);
            float max = 0;
            for (int z = 0; z < p[0]; z++) {
                for (int y = 0; y < p[1]; y++) {
                    for (int x = 0; x < p[2]; x++) {
                        float v = map[(z * p[1] + y) * p[2] + x];
                        assertEquals(expected(p, z, y, x), v, 1e-6 * Math.max(1, v), "at " + z + "," + y + "," + x);
                        max = Math.max(max, v);
                    }
                }
            }
            assertEquals(1f, max, 1e-6f);
        }
    }

    @Test
    void symmetricUnderFlips() {
        int[] p = {10, 8, 6};
        float[] map = GaussianImportanceMap.compute(p);
        for (int z = 0; z < p[0]; z++) {
            for (int y = 0; y < p[1]; y++) {
                for (int x = 0; x < p[2]; x++) {
                    float v = map[(z * p[1] + y) * p[2] + x];
                    assertEquals(v, map[((p[0] - 1 - z) * p[1] + y) * p[2] + x]);
                    assertEquals(v, map[(z * p[1] + p[1] - 1 - y) * p[2] + p[2] - 1 - x]);
                }
            }
        }
    }

    @Test
    void underflowIsRaisedToTheSmallestPositiveValue() {
        // sigma = patch/200: far from the centre exp() underflows to 0 in float
        int[] p = {40, 40, 40};
        float[] map = GaussianImportanceMap.compute(p, 1.0 / 200);
        float min = Float.MAX_VALUE;
        int atMin = 0;
        for (float v : map) {
            assertTrue(v > 0, "every weight is positive");
            if (v < min) {
                min = v;
                atMin = 0;
            }
            if (v == min) atMin++;
        }
        assertTrue(atMin > 1000, "many underflowed voxels share the smallest positive value");
        assertEquals(1f, map[(20 * 40 + 20) * 40 + 20], "still peaked in the centre");
    }
}

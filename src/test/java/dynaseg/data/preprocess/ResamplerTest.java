package dynaseg.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.TestArrays;

class ResamplerTest {
    /** scipy reference: target voxel centres mapped through inv(A_src) A_tgt, then map_coordinates. */
    private static final String PEER = String.join("\n",
            "import sys, numpy as np",
            "from scipy.ndimage import map_coordinates",
            "src = np.array(list(map(float, sys.argv[2].split()))).reshape(4, 4)",
            "tgt = np.array(list(map(float, sys.argv[3].split()))).reshape(4, 4)",
            "nx, ny, nz, tx, ty, tz, order = map(int, sys.argv[4:11])",
            "a = np.fromfile(sys.argv[1], '<f4').reshape(nz, ny, nx).transpose(2, 1, 0).astype(np.float64)",
            "m = np.linalg.inv(src) @ tgt",
            "ii = np.stack(np.meshgrid(np.arange(tx), np.arange(ty), np.arange(tz), indexing='ij'), 0).reshape(3, -1)",
            "c = m[:3, :3] @ ii + m[:3, 3:4]",
            "if order == 0:",
            "    idx = [np.clip(np.floor(c[k] + 0.5), 0, s - 1).astype(int) for k, s in enumerate(a.shape)]",
            "    out = a[idx[0], idx[1], idx[2]]",
            "else:",
            "    out = map_coordinates(a, c, order=1, mode='nearest')",
            "out.reshape(tx, ty, tz).transpose(2, 1, 0).astype('<f4').tofile(sys.argv[1] + '.out')");

    @TempDir Path tmp;

    @Test
    void targetGridKeepsExtentAndCentresHalfVoxels() {
        Geometry g = new Geometry(new int[] {10, 9, 4}, new double[] {1, 1, 3},
                new double[][] {{1, 0, 0, 5}, {0, 1, 0, -2}, {0, 0, 3, 1}, {0, 0, 0, 1}}, 1, 1);
        Geometry t = Resampler.targetGrid(g, new double[] {2, 2, 1.5});
        assertArrayEquals(new int[] {5, 5, 8}, t.dims());
        double[][] a = t.affine();
        // x: 10 voxels of 1 mm -> 5 of 2 mm; new voxel 0 covers old [-0.5, 1.5], centre at old 0.5
        assertEquals(2, a[0][0], 1e-12);
        assertEquals(5 + 0.5, a[0][3], 1e-12);
        // y: 9 mm -> 5 voxels of 2 mm (10 mm) centred on the old extent: centres at old 0, 2, 4, 6, 8
        assertEquals(-2 + 0, a[1][3], 1e-12);
        // z: 4 voxels of 3 mm (12 mm) -> 8 of 1.5 mm; first centre at old index -0.25 -> 1 - 0.75 mm
        assertEquals(1.5, a[2][2], 1e-12);
        assertEquals(1 - 0.75, a[2][3], 1e-12);
        assertArrayEquals(new double[] {2, 2, 1.5}, t.spacing());
    }

    @Test
    void trilinearAndNearestMatchScipy() throws Exception {
        PythonPeer.require("numpy", "scipy");
        Geometry g = new Geometry(new int[] {13, 11, 7}, new double[] {0.8, 0.8, 2.5},
                new double[][] {{0.8, 0, 0, -20}, {0, 0.8, 0, 10}, {0, 0, 2.5, 3}, {0, 0, 0, 1}}, 1, 1);
        float[] data = TestArrays.randomFloats(g.voxelCount(), 1, 300);
        Geometry down = Resampler.targetGrid(g, new double[] {1.5, 1.1, 1.0});
        checkAgainstScipy(g, data, down);
        // a target rotated against the source takes the general (non axis-aligned) path
        Geometry rotated = new Geometry(new int[] {6, 9, 8}, new double[] {1.2, 1.2, 1.3},
                new double[][] {{0, 1.2, 0, -18}, {-1.2, 0, 0, 18}, {0, 0, 1.3, 4}, {0, 0, 0, 1}}, 1, 1);
        checkAgainstScipy(g, data, rotated);
    }

    private void checkAgainstScipy(Geometry g, float[] data, Geometry target) throws Exception {
        Path raw = tmp.resolve("v.raw");
        TestArrays.writeFloats(raw, data);
        for (int order : new int[] {1, 0}) {
            PythonPeer.run(PEER, raw.toString(), TestArrays.affineText(g), TestArrays.affineText(target),
                    "" + g.nx(), "" + g.ny(), "" + g.nz(), "" + target.nx(), "" + target.ny(), "" + target.nz(), "" + order);
            float[] expected = TestArrays.readFloats(Path.of(raw + ".out"));
            float[] got;
            if (order == 1) {
                got = Resampler.linear(new Volume(g, data), target).voxels();
                for (int i = 0; i < expected.length; i++) assertEquals(expected[i], got[i], 1e-3, "linear voxel " + i);
            } else {
                // labels 0..255 from the same data: compare index choice through a map of voxel numbers
                byte[] lab = new byte[data.length];
                for (int i = 0; i < lab.length; i++) lab[i] = (byte) (i * 37);
                float[] asFloat = new float[data.length];
                for (int i = 0; i < lab.length; i++) asFloat[i] = lab[i] & 0xFF;
                TestArrays.writeFloats(raw, asFloat);
                PythonPeer.run(PEER, raw.toString(), TestArrays.affineText(g), TestArrays.affineText(target),
                        "" + g.nx(), "" + g.ny(), "" + g.nz(), "" + target.nx(), "" + target.ny(), "" + target.nz(), "0");
                expected = TestArrays.readFloats(Path.of(raw + ".out"));
                byte[] res = Resampler.nearest(new LabelMap(g, lab), target).labels();
                for (int i = 0; i < expected.length; i++) assertEquals((int) expected[i], res[i] & 0xFF, "nearest voxel " + i);
                TestArrays.writeFloats(raw, data);
            }
        }
    }

    @Test
    void linearFieldIsReproducedExactlyInside() {
        // trilinear interpolation reproduces a linear function of the world position
        Geometry g = Geometry.axisAligned(12, 10, 8, 1, 1, 2);
        float[] v = new float[g.voxelCount()];
        for (int z = 0; z < 8; z++) for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) v[g.index(x, y, z)] = x + 2f * y - 3f * 2 * z;
        Geometry t = Resampler.targetGrid(g, new double[] {1.5, 0.5, 1});
        Volume r = Resampler.linear(new Volume(g, v), t);
        double[][] a = t.affine();
        for (int z = 0; z < t.nz(); z++) for (int y = 0; y < t.ny(); y++) for (int x = 0; x < t.nx(); x++) {
            double wx = a[0][0] * x + a[0][3], wy = a[1][1] * y + a[1][3], wz = a[2][2] * z + a[2][3];
            if (wx < 0 || wx > 11 || wy < 0 || wy > 9 || wz < 0 || wz > 14) continue; // edge clamping outside
            assertEquals(wx + 2 * wy - 3 * wz, r.get(x, y, z), 1e-4);
        }
    }
}

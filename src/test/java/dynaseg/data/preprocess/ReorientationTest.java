package dynaseg.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.TestArrays;

class ReorientationTest {
    private static final String PEER = String.join("\n",
            "import sys, numpy as np, nibabel as nib",
            "nx, ny, nz = map(int, sys.argv[2:5])",
            "aff = np.array(list(map(float, sys.argv[5].split()))).reshape(4, 4)",
            "a = np.fromfile(sys.argv[1], '<f4').reshape(nz, ny, nx).transpose(2, 1, 0)",
            "img = nib.as_closest_canonical(nib.Nifti1Image(a, aff))",
            "d = np.asanyarray(img.dataobj)",
            "d.transpose(2, 1, 0).astype('<f4').tofile(sys.argv[1] + '.out')",
            "print(' '.join(map(str, d.shape)))",
            "print(' '.join(repr(v) for v in img.affine.ravel()))");

    @TempDir Path tmp;

    /** LPS with permuted axes (voxel x -> world S, y -> world L, z -> world P) and a small obliquity. */
    private static double[][] obliquePermuted() {
        double c = Math.cos(0.1), s = Math.sin(0.1);
        return new double[][] {
            {0.1, -0.8 * c, 0, 12},
            {0, 0.8 * s, -2.5, -30},
            {1.2, 0, 0.3, 7},
            {0, 0, 0, 1}};
    }

    @Test
    void matchesNibabelCanonical() throws Exception {
        PythonPeer.require("numpy", "nibabel");
        double[][][] affines = {
            {{-0.7, 0, 0, 100}, {0, -0.7, 0, 90}, {0, 0, 2.0, -50}, {0, 0, 0, 1}}, // LPS
            obliquePermuted(),
            {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}};           // already RAS
        int[] dims = {5, 4, 3};
        for (double[][] aff : affines) {
            double[] spacing = {Math.hypot(Math.hypot(aff[0][0], aff[1][0]), aff[2][0]),
                Math.hypot(Math.hypot(aff[0][1], aff[1][1]), aff[2][1]),
                Math.hypot(Math.hypot(aff[0][2], aff[1][2]), aff[2][2])};
            Geometry g = new Geometry(dims, spacing, aff, 1, 1);
            float[] data = new float[g.voxelCount()];
            for (int i = 0; i < data.length; i++) data[i] = i;
            Path raw = tmp.resolve("in.raw");
            TestArrays.writeFloats(raw, data);
            String[] out = PythonPeer.run(PEER, raw.toString(), "5", "4", "3", TestArrays.affineText(g)).trim().split("\n");

            Volume ras = Reorientation.toRas(new Volume(g, data));
            double[] shape = TestArrays.parseDoubles(out[0]);
            assertArrayEquals(new int[] {(int) shape[0], (int) shape[1], (int) shape[2]}, ras.geometry().dims());
            double[] expectedAffine = TestArrays.parseDoubles(out[1]);
            double[][] got = ras.geometry().affine();
            for (int i = 0; i < 16; i++) assertEquals(expectedAffine[i], got[i / 4][i % 4], 1e-9, "affine entry " + i);
            assertArrayEquals(TestArrays.readFloats(Path.of(raw + ".out")), ras.voxels());
            assertEquals("RAS", ras.geometry().orientation());
        }
    }

    @Test
    void labelsMoveLikeImageAndSpacingFollowsAxes() {
        double[][] aff = {{0, 0, -3, 0}, {-1, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 0, 1}}; // x->P, y->S, z->L
        Geometry g = new Geometry(new int[] {4, 3, 2}, new double[] {1, 2, 3}, aff, 1, 1);
        byte[] lab = new byte[24];
        float[] img = new float[24];
        for (int i = 0; i < 24; i++) {
            lab[i] = (byte) i;
            img[i] = i;
        }
        Reorientation r = Reorientation.toRas(g);
        LabelMap l = r.apply(new LabelMap(g, lab));
        Volume v = r.apply(new Volume(g, img));
        assertArrayEquals(new int[] {2, 4, 3}, r.target().dims());
        assertArrayEquals(new double[] {3, 1, 2}, r.target().spacing());
        for (int i = 0; i < 24; i++) assertEquals(v.voxels()[i], l.labels()[i], "voxel " + i);
        // every voxel keeps its world position: check via both affines
        double[][] a0 = g.affine(), a1 = r.target().affine();
        for (int z = 0; z < 3; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 2; x++) {
            int src = (int) v.get(x, y, z);
            int sx = src % 4, sy = (src / 4) % 3, sz = src / 12;
            for (int row = 0; row < 3; row++) {
                double w0 = a0[row][0] * sx + a0[row][1] * sy + a0[row][2] * sz + a0[row][3];
                double w1 = a1[row][0] * x + a1[row][1] * y + a1[row][2] * z + a1[row][3];
                assertEquals(w0, w1, 1e-12);
            }
        }
        assertTrue(Reorientation.toRas(r.target()).isIdentity());
    }
}

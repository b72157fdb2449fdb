package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.testutil.PythonPeer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dice, HD95 and NSD against an independent scipy reference: surface = mask XOR
 * binary_erosion(mask, 3D cross), distances from distance_transform_edt(~surface, sampling =
 * the NIfTI zooms), HD95 = max of the two np.percentile(.., 95), NSD counting surface voxels.
 */
class SurfaceMetricsScipyTest {
    @TempDir Path dir;

    static final String REFERENCE = String.join("\n",
            "import sys, numpy as np, nibabel as nib",
            "from scipy.ndimage import binary_erosion, distance_transform_edt, generate_binary_structure",
            "cross = generate_binary_structure(3, 1)",
            "def surface(m):",
            "    return m ^ binary_erosion(m, structure=cross)",
            "def dist(src, dst, sp):",
            "    if not src.any(): return np.zeros(0)",
            "    if not dst.any(): return np.full(int(src.sum()), np.inf)",
            "    return distance_transform_edt(~dst, sampling=sp)[src]",
            "tol = float(sys.argv[1])",
            "for pair in sys.argv[2:]:",
            "    pf, tf = pair.split(',')",
            "    P = np.asarray(nib.load(pf).dataobj).astype(int)",
            "    t = nib.load(tf)",
            "    T = np.asarray(t.dataobj).astype(int)",
            "    sp = [float(z) for z in t.header.get_zooms()[:3]]",
            "    for l in range(1, max(P.max(), T.max()) + 1):",
            "        a, b = P == l, T == l",
            "        if not b.any():",
            "            print(pf, l, 'nan', 'nan', 'nan'); continue",
            "        dice = 2 * (a & b).sum() / (a.sum() + b.sum())",
            "        dab, dba = dist(surface(a), surface(b), sp), dist(surface(b), surface(a), sp)",
            "        hd = np.inf if len(dab) == 0 else max(np.percentile(dab, 95), np.percentile(dba, 95))",
            "        nsd = ((dab <= tol).sum() + (dba <= tol).sum()) / (len(dab) + len(dba))",
            "        print(pf, l, repr(float(dice)), repr(float(hd)), repr(float(nsd)))",
            "");

    private final List<String> pairs = new ArrayList<>();
    private final List<LabelMap[]> maps = new ArrayList<>();

    private void add(String name, LabelMap pred, LabelMap truth) throws IOException {
        Path p = dir.resolve(name + "_pred.nii.gz");
        Path t = dir.resolve(name + "_truth.nii.gz");
        Nifti.writeLabels(pred, p);
        Nifti.writeLabels(truth, t);
        pairs.add(p + "," + t);
        // read back: the peer sees the float32 spacing of the header, so must we
        maps.add(new LabelMap[] {Nifti.readLabels(p), Nifti.readLabels(t)});
    }

    @Test
    void randomAndHandMadePairsMatchScipy() throws IOException {
        PythonPeer.require("numpy", "scipy", "nibabel");
        double[] spacing = {0.8, 1.3, 2.5};
        for (int seed = 0; seed < 4; seed++) {
            LabelMap[] pt = LabelPairs.random(seed, 40 - seed, 34, 20 + seed, spacing, 5);
            add("random" + seed, pt[0], pt[1]);
        }
        Geometry g = Geometry.axisAligned(12, 10, 8, 0.6, 1.1, 3.0);
        add("single", LabelPairs.voxels(g, 1, 1, 1, 1), LabelPairs.voxels(g, 1, 5, 7, 6));
        add("missed", new LabelMap(g, new byte[g.voxelCount()]), LabelPairs.voxels(g, 2, 3, 3, 3, 3, 4, 3));
        add("onlyPredicted", LabelPairs.voxels(g, 3, 3, 3, 3), LabelPairs.voxels(g, 1, 0, 0, 0, 11, 9, 7));
        LabelMap[] perfect = LabelPairs.random(9, 16, 16, 16, new double[] {1, 1, 1}, 3);
        add("perfect", perfect[1], perfect[1]);
        for (double tolerance : new double[] {1.0, 2.05}) {
            String out = PythonPeer.run(REFERENCE, prepend(Double.toString(tolerance), pairs));
            int checked = 0;
            int nonTrivialHd = 0;
            for (String line : out.strip().split("\n")) {
                String[] f = line.trim().split(" ");
                int index = pairs.indexOf(pairs.stream().filter(s -> s.startsWith(f[0] + ",")).findFirst().orElseThrow());
                int label = Integer.parseInt(f[1]);
                LabelMap[] pt = maps.get(index);
                OrganScores s = CaseEvaluation.evaluate("x", pt[0], pt[1], tolerance, 1).scores(label);
                String what = f[0] + " label " + label + " tol " + tolerance;
                assertClose(parse(f[2]), s.dice(), what + " dice");
                assertClose(parse(f[3]), s.hd95(), what + " hd95");
                assertClose(parse(f[4]), s.nsd(), what + " nsd");
                if (s.hd95() > 1 && Double.isFinite(s.hd95())) nonTrivialHd++;
                checked++;
            }
            assertTrue(checked >= 25, "compared " + checked + " organ scores");
            assertTrue(nonTrivialHd >= 10, "enough non-trivial HD95 values: " + nonTrivialHd);
        }
    }

    private static String[] prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray(new String[0]);
    }

    private static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-9, what);
        }
    }
}

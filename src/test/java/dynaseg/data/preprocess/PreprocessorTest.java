package dynaseg.data.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import dynaseg.data.CaseRef;

public class PreprocessorTest {
    private static final CaseRef REF = new CaseRef("case_0007", Path.of("/data/imagesTr/case_0007.nii.gz"),
            Path.of("/data/labelsTr/case_0007.nii.gz"));

    /** An LPS phantom: air around a box of tissue (40 HU) holding a cube of organ 2. */
    public static Volume phantom(Geometry g) {
        float[] hu = new float[g.voxelCount()];
        Arrays.fill(hu, -1000);
        for (int z = 2; z < g.nz() - 2; z++) for (int y = 4; y < g.ny() - 4; y++) for (int x = 3; x < g.nx() - 3; x++) {
            hu[g.index(x, y, z)] = 40;
        }
        return new Volume(g, hu);
    }

    public static LabelMap organ(Geometry g, int label) {
        byte[] lab = new byte[g.voxelCount()];
        for (int z = 4; z < 8; z++) for (int y = 8; y < 12; y++) for (int x = 6; x < 10; x++) lab[g.index(x, y, z)] = (byte) label;
        return new LabelMap(g, lab);
    }

    public static Geometry lps() {
        return new Geometry(new int[] {20, 24, 12}, new double[] {1, 1, 2},
                new double[][] {{-1, 0, 0, 50}, {0, -1, 0, 40}, {0, 0, 2, -10}, {0, 0, 0, 1}}, 1, 1);
    }

    @Test
    void producesRasWindowedCroppedCaseAtTargetSpacing() throws IOException {
        Geometry g = lps();
        Preprocessor p = new Preprocessor(new PreprocessSettings(new double[] {2, 2, 2}, -175, 250, true, -500, 0), 3);
        PreprocessedCase c = p.process(REF, phantom(g), organ(g, 2));
        assertEquals("case_0007", c.id());
        assertEquals("RAS", c.image().geometry().orientation());
        assertArrayEquals(new double[] {2, 2, 2}, c.image().geometry().spacing());
        // body: 14 x 16 x 8 voxels of 1 x 1 x 2 mm -> 7 x 8 x 8 at 2 mm
        assertArrayEquals(new int[] {7, 8, 8}, c.image().geometry().dims());
        float tissue = (float) ((40 + 175) / 425.0);
        for (float v : c.image().voxels()) assertEquals(tissue, v, 1e-5);
        // the organ cube (4 x 4 x 4 voxels = 64 mm^3 * 2) keeps its volume: 4*4*8 mm^3 / 8 mm^3 = 16 voxels
        assertEquals(16, c.classCounts(3)[2]);
        // and its world position, up to nearest-neighbour tie breaking (half a target voxel, 1 mm)
        assertArrayEquals(worldCentre(organ(g, 2)), worldCentre(c.labels()), 1 + 1e-9);
    }

    private static double[] worldCentre(LabelMap l) {
        Geometry g = l.geometry();
        double[][] a = g.affine();
        double[] sum = new double[3];
        int n = 0;
        for (int z = 0; z < g.nz(); z++) for (int y = 0; y < g.ny(); y++) for (int x = 0; x < g.nx(); x++) {
            if (l.get(x, y, z) == 0) continue;
            for (int r = 0; r < 3; r++) sum[r] += a[r][0] * x + a[r][1] * y + a[r][2] * z + a[r][3];
            n++;
        }
        for (int r = 0; r < 3; r++) sum[r] /= n;
        return sum;
    }

    @Test
    void labelOutsideClassRangeNamesLabelFile() {
        Geometry g = lps();
        Preprocessor p = new Preprocessor(PreprocessSettings.defaults(), 3);
        IOException e = assertThrows(IOException.class, () -> p.process(REF, phantom(g), organ(g, 5)));
        assertTrue(e.getMessage().contains(REF.label().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 5"), e.getMessage());
    }

    @Test
    void shapeOrGridMismatchNamesLabelFile() {
        Geometry g = lps();
        Preprocessor p = new Preprocessor(PreprocessSettings.defaults(), 3);
        Geometry other = new Geometry(new int[] {20, 24, 11}, g.spacing(), g.affine(), 1, 1);
        IOException shape = assertThrows(IOException.class, () -> p.process(REF, phantom(g), organ(other, 1)));
        assertTrue(shape.getMessage().contains(REF.label().toString()) && shape.getMessage().contains("shape"), shape.getMessage());
        double[][] moved = g.affine();
        moved[0][3] += 1.5;
        Geometry shifted = new Geometry(g.dims(), g.spacing(), moved, 1, 1);
        IOException grid = assertThrows(IOException.class, () -> p.process(REF, phantom(g), organ(shifted, 1)));
        assertTrue(grid.getMessage().contains(REF.label().toString()) && grid.getMessage().contains("grid"), grid.getMessage());
    }
}

package dynaseg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import dynaseg.data.preprocess.BodyCrop;
import dynaseg.data.preprocess.IntensityWindow;

class IntensityAndCropTest {
    @Test
    void windowClipsAndScales() {
        float[] out = IntensityWindow.BTCV.apply(new float[] {-1000, -175, 37.5f, 250, 3000, Float.NaN});
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1, 0}, out, 1e-6f);
    }

    @Test
    void bodyBoxHasMarginAndCropKeepsWorldPositions() {
        Geometry g = new Geometry(new int[] {20, 16, 10}, new double[] {2, 2, 5},
                new double[][] {{2, 0, 0, -7}, {0, 2, 0, 3}, {0, 0, 5, 11}, {0, 0, 0, 1}}, 1, 1);
        float[] hu = new float[g.voxelCount()];
        Arrays.fill(hu, -1000);
        byte[] lab = new byte[g.voxelCount()];
        // "body" voxels span x 6..9, y 5..7, z 4..4; one is soft tissue, one fat, one just above threshold
        hu[g.index(6, 5, 4)] = 40;
        hu[g.index(9, 7, 4)] = -100;
        hu[g.index(8, 6, 4)] = -499;
        lab[g.index(9, 7, 4)] = 3;
        BodyCrop.Box box = BodyCrop.bodyBox(new Volume(g, hu), -500, 4);
        // margin 4 mm = 2 voxels in x/y, 1 voxel in z
        assertEquals(new BodyCrop.Box(4, 3, 3, 12, 10, 6), box);
        LabelMap cropped = BodyCrop.crop(new LabelMap(g, lab), box);
        Volume img = BodyCrop.crop(new Volume(g, hu), box);
        assertArrayEquals(new int[] {8, 7, 3}, cropped.geometry().dims());
        assertEquals(3, cropped.get(9 - 4, 7 - 3, 4 - 3));
        assertEquals(40f, img.get(6 - 4, 5 - 3, 4 - 3));
        double[][] a = cropped.geometry().affine();
        assertEquals(-7 + 2 * 4, a[0][3], 1e-12);
        assertEquals(3 + 2 * 3, a[1][3], 1e-12);
        assertEquals(11 + 5 * 3, a[2][3], 1e-12);
    }

    @Test
    void nothingAboveThresholdKeepsWholeGrid() {
        Geometry g = Geometry.axisAligned(4, 4, 4, 1, 1, 1);
        float[] hu = new float[64];
        Arrays.fill(hu, -1000);
        assertEquals(BodyCrop.Box.whole(g), BodyCrop.bodyBox(new Volume(g, hu), -500, 10));
    }
}

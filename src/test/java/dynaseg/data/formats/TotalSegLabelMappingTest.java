package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import org.junit.jupiter.api.Test;

class TotalSegLabelMappingTest {
    // BTCV id -> (v2 id, v1 id), typed in from ../shared/data/totalseg-example/README.md
    private static final int[][] TABLE = {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {4, 4, 4}, {5, 15, 42}, {6, 5, 5}, {7, 6, 6},
        {8, 52, 7}, {9, 63, 8}, {10, 64, 9}, {11, 7, 10}, {12, 8, 11}, {13, 9, 12}};

    @Test
    void mapsTheReadmeTableAndEverythingElseToBackground() {
        for (TotalSegLabelMapping m : TotalSegLabelMapping.values()) {
            int[] expected = new int[256];
            for (int[] row : TABLE) expected[m == TotalSegLabelMapping.V2 ? row[1] : row[2]] = row[0];
            for (int id = 0; id < 256; id++) assertEquals(expected[id], m.btcvId(id), m + " id " + id);
        }
    }

    @Test
    void appliesToALabelMap() {
        Geometry g = Geometry.axisAligned(4, 1, 1, 1, 1, 1);
        LabelMap in = new LabelMap(g, new byte[] {15, 52, (byte) 200, 5});
        assertArrayEquals(new byte[] {5, 8, 0, 6}, TotalSegLabelMapping.V2.apply(in).labels());
        assertArrayEquals(new byte[] {0, 0, 0, 6}, TotalSegLabelMapping.V1.apply(in).labels());
    }

    @Test
    void parsesCliNames() {
        assertEquals(TotalSegLabelMapping.V1, TotalSegLabelMapping.parse("totalseg-v1"));
        assertEquals(TotalSegLabelMapping.V2, TotalSegLabelMapping.parse("TotalSeg-V2"));
        assertThrows(IllegalArgumentException.class, () -> TotalSegLabelMapping.parse("totalseg-v3"));
    }
}

package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.PythonPeer;
import dynaseg.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real TotalSegmentator CT and its label map read with the header the data README gives and nibabel's values. */
class NiftiRealDataTest {
    private static final String PEER = """
            import json, sys
            import numpy as np, nibabel as nib
            ct = nib.load(sys.argv[1]).get_fdata()
            seg = np.asanyarray(nib.load(sys.argv[2]).dataobj)
            vals, counts = np.unique(seg, return_counts=True)
            print(json.dumps(dict(min=float(ct.min()), max=float(ct.max()), mean=float(ct.mean()), sum=float(ct.sum()),
                                  labels={str(int(v)): int(c) for v, c in zip(vals, counts)})))
            """;

    @Test
    void exampleCtHasTheDocumentedHeader() throws IOException {
        Path dir = SharedData.totalsegExample();
        Path ct = dir.resolve("example_ct_sm.nii.gz");
        NiftiHeader h = Nifti.readHeader(ct);
        assertEquals(NiftiDataType.INT16, h.datatype());
        Volume v = Nifti.readVolume(ct);
        Geometry g = v.geometry();
        assertArrayEquals(new int[] {122, 101, 30}, g.dims());
        assertArrayEquals(new double[] {3, 3, 3}, g.spacing(), 1e-6);
        assertEquals("RAS", g.orientation());
        assertTrue(g.sformCode() > 0, "sform set");
    }

    @Test
    void exampleCtAndSegMatchNibabel() throws IOException {
        PythonPeer.require("nibabel", "numpy");
        Path dir = SharedData.totalsegExample();
        Path ct = dir.resolve("example_ct_sm.nii.gz");
        Path seg = dir.resolve("example_seg.nii.gz");
        JsonNode ref = new ObjectMapper().readTree(PythonPeer.run(PEER, ct.toString(), seg.toString()));
        float[] v = Nifti.readVolume(ct).voxels();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        assertEquals(ref.get("min").asDouble(), min);
        assertEquals(ref.get("max").asDouble(), max);
        assertEquals(ref.get("sum").asDouble(), sum);

        LabelMap labels = Nifti.readLabels(seg);
        assertTrue(labels.geometry().sameGrid(Nifti.readVolume(ct).geometry(), 1e-6), "seg on the CT's grid");
        long[] counts = labels.counts();
        JsonNode expected = ref.get("labels");
        long total = 0;
        for (int value = 0; value < 256; value++) {
            JsonNode n = expected.get(Integer.toString(value));
            assertEquals(n == null ? 0 : n.asLong(), counts[value], "voxels of label " + value);
            total += counts[value];
        }
        assertEquals(122L * 101 * 30, total);
        assertEquals(38634, counts[5], "liver voxels as the data README gives");
    }
}

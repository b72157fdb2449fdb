package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.SegmentationDataset;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.testutil.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CT of ../shared/data/totalseg-example as a TotalSegmentator case: its v2 multi-label file
 * is split into per-structure masks here, and the merged map must hold the README's voxel counts.
 */
class TotalSegRealCtTest {
    // from the README: structure name, v2 id, expected voxels after mapping to BTCV ids 1..13
    private static final Object[][] ORGANS = {
        {"spleen", 1, 9452L}, {"kidney_right", 2, 3947L}, {"kidney_left", 3, 3676L}, {"gallbladder", 4, 1333L},
        {"esophagus", 15, 0L}, {"liver", 5, 38634L}, {"stomach", 6, 4675L}, {"aorta", 52, 997L},
        {"inferior_vena_cava", 63, 1368L}, {"portal_vein_and_splenic_vein", 64, 901L}, {"pancreas", 7, 644L},
        {"adrenal_gland_right", 8, 152L}, {"adrenal_gland_left", 9, 184L}};

    @TempDir static Path tmp;
    static Path example;
    static LabelMap multiLabel;

    @BeforeAll
    static void splitTheMultiLabelFile() throws Exception {
        example = SharedData.totalsegExample();
        multiLabel = Nifti.readLabels(example.resolve("example_seg.nii.gz"));
        Path caseDir = Files.createDirectories(tmp.resolve("totalseg/s0001/segmentations"));
        Files.copy(example.resolve("example_ct_sm.nii.gz"), tmp.resolve("totalseg/s0001/ct.nii.gz"));
        byte[] v = multiLabel.labels();
        int otherId = -1;
        for (byte b : v) {
            int id = b & 0xFF;
            boolean organ = false;
            for (Object[] o : ORGANS) organ |= (int) o[1] == id;
            if (id != 0 && !organ) otherId = id;
        }
        List<Object[]> structures = new ArrayList<>(List.of(ORGANS));
        if (otherId > 0) structures.add(new Object[] {"other_structure", otherId, 0L}); // not an organ: must stay background
        for (Object[] s : structures) {
            byte[] mask = new byte[v.length];
            for (int i = 0; i < v.length; i++) if ((v[i] & 0xFF) == (int) s[1]) mask[i] = 1;
            Nifti.writeLabels(new LabelMap(multiLabel.geometry(), mask), caseDir.resolve(s[0] + ".nii.gz"));
        }
    }

    private static long[] expectedCounts() {
        long[] c = new long[14];
        for (int i = 0; i < ORGANS.length; i++) c[i + 1] = (long) ORGANS[i][2];
        return c;
    }

    @Test
    void mergedMasksHoldTheReadmeCountsAndTheScanIsKept() throws Exception {
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(problems::add);
        SegmentationDataset ds = Datasets.open(tmp.resolve("totalseg"), null, opts.withMinOrgans(6));
        assertEquals(1, ds.cases().size(), "12 organs are present, 6 are needed; problems: " + problems);
        LabelMap merged = ds.readLabels(ds.cases().get(0));
        long[] counts = java.util.Arrays.copyOf(merged.counts(), 14);
        long[] expected = expectedCounts();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1, 14), java.util.Arrays.copyOfRange(counts, 1, 14));
        assertEquals(merged.labels().length, java.util.Arrays.stream(merged.counts()).sum());
        assertEquals(0, java.util.Arrays.stream(merged.counts(), 14, 256).sum());
        assertEquals(0, Datasets.open(tmp.resolve("totalseg"), null, opts.withMinOrgans(13)).cases().size());
        assertTrue(problems.isEmpty(), problems.toString());

        DatasetStats stats = new DatasetInspector(6).inspect(ds, opts, dynaseg.data.Progress.NONE);
        Map<String, Long> organVoxels = stats.organVoxels();
        long total = 0;
        for (Object[] o : ORGANS) total += (long) o[2];
        for (Object[] o : ORGANS) {
            assertEquals((long) o[2], organVoxels.get((String) o[0]), (String) o[0]);
            assertEquals(100.0 * (long) o[2] / total, stats.voxelShare().get((String) o[0]), 1e-9);
        }
        assertArrayEquals(new double[] {122, 101, 30}, stats.size()[1]);
        assertArrayEquals(new double[] {3, 3, 3}, stats.spacing()[1], 1e-4);
    }

    @Test
    void theMultiLabelFileReadWithTheV2MappingGivesTheSameCounts() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("nnunet"));
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.createDirectories(dir.resolve("labelsTr"));
        Files.copy(example.resolve("example_ct_sm.nii.gz"), dir.resolve("imagesTr/example_0000.nii.gz"));
        Files.copy(example.resolve("example_seg.nii.gz"), dir.resolve("labelsTr/example.nii.gz"));
        Files.writeString(dir.resolve("dataset.json"),
                "{\"channel_names\": {\"0\": \"CT\"}, \"labels\": {\"background\": 0, \"spleen\": 1}, \"file_ending\": \".nii.gz\"}");
        DatasetOptions opts = DatasetOptions.defaults().withThreads(1).withLabelMapping(TotalSegLabelMapping.V2);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals(BtcvDataset.organClassNames(), ds.classNames());
        long[] counts = java.util.Arrays.copyOf(ds.readLabels(ds.cases().get(0)).counts(), 14);
        assertArrayEquals(java.util.Arrays.copyOfRange(expectedCounts(), 1, 14), java.util.Arrays.copyOfRange(counts, 1, 14));
    }
}

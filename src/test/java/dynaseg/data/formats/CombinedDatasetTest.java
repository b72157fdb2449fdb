package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.phantom.SyntheticDatasetWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CombinedDatasetTest {
    private final DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(p -> { throw new AssertionError(p); });

    @Test
    void thePapersMixOfBtcvAndTotalSegmentator(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir.resolve("btcv"), 2);
        FormatFixtures.writeTotalSeg(dir.resolve("totalseg"), 2, List.of("train", "val"));
        SegmentationDataset ds = Datasets.open(List.of(dir.resolve("btcv"), dir.resolve("totalseg")), null, opts);
        assertEquals("btcv+totalseg", ds.format());
        assertEquals(BtcvDataset.organClassNames(), ds.classNames());
        assertEquals(List.of("img0001", "img0002", "s0000", "s0001"), ds.cases().stream().map(CaseRef::id).toList());
        assertEquals(List.of("s0001"), ds.validationCases().stream().map(CaseRef::id).toList());
        assertArrayEquals(FormatFixtures.phantom(1).labels().labels(), ds.readLabels(ds.cases().get(3)).labels());
        assertArrayEquals(FormatFixtures.phantom(0).labels().labels(), ds.readLabels(ds.cases().get(0)).labels());
    }

    @Test
    void clashingIdsArePrefixedWithTheSource(@TempDir Path dir) throws Exception {
        new SyntheticDatasetWriter(FormatFixtures.GENERATOR, 2).write(dir.resolve("a"), 2, "t", n -> { });
        FormatFixtures.writeNnUnet(dir.resolve("b"), 1);
        SegmentationDataset ds = Datasets.open(List.of(dir.resolve("a"), dir.resolve("b")), null, opts);
        assertEquals(List.of("a_case_0000", "case_0001", "b_case_0000"), ds.cases().stream().map(CaseRef::id).toList());
        CombinedDataset c = (CombinedDataset) ds;
        assertEquals("nnunet", c.sourceOf(ds.cases().get(2)).format());
        assertEquals("case_0000", c.sourceRef(ds.cases().get(2)).id());
    }

    @Test
    void differentClassesAreAClearError(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir.resolve("btcv"), 1);
        FormatFixtures.writeNnUnet(dir.resolve("other"), 1);
        Files.writeString(dir.resolve("other/dataset.json"),
                "{\"labels\": {\"background\": 0, \"liver\": 1, \"tumour\": 2}, \"file_ending\": \".nii.gz\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.open(List.of(dir.resolve("btcv"), dir.resolve("other")), null, opts));
        assertTrue(e.getMessage().contains("different classes") && e.getMessage().contains("tumour"), e.getMessage());
    }
}

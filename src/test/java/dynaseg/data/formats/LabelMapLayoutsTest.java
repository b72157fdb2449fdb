package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nnU-Net raw, BTCV and MSD: one label map per case. */
class LabelMapLayoutsTest {
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(problems::add);

    @Test
    void nnUnetRawReadsChannelZeroAndItsLabels(@TempDir Path dir) throws Exception {
        FormatFixtures.writeNnUnet(dir, 2);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals("nnunet", ds.format());
        assertEquals(BtcvDataset.organClassNames(), ds.classNames());
        assertEquals(List.of("case_0000", "case_0001"), ds.cases().stream().map(CaseRef::id).toList());
        assertArrayEquals(FormatFixtures.phantom(1).labels().labels(), ds.readLabels(ds.cases().get(1)).labels());
        assertArrayEquals(FormatFixtures.phantom(1).image().voxels(), ds.readImage(ds.cases().get(1)).voxels());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void nnUnetCaseWithoutLabelIsSkipped(@TempDir Path dir) throws Exception {
        FormatFixtures.writeNnUnet(dir, 3);
        Files.delete(dir.resolve("labelsTr/case_0001.nii.gz"));
        SegmentationDataset ds = Datasets.open(dir, "nnunet", opts);
        assertEquals(List.of("case_0000", "case_0002"), ds.cases().stream().map(CaseRef::id).toList());
        assertEquals(1, problems.size());
        assertEquals("case_0001", problems.get(0).caseId());
        assertTrue(problems.get(0).toString().contains("labelsTr/case_0001.nii.gz"), problems.toString());
        assertThrows(IOException.class, () -> Datasets.open(dir, "nnunet", opts.withStrict(true)));
    }

    @Test
    void btcvPairsImagesWithLabelsInBtcvOrder(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir, 2);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals("btcv", ds.format());
        assertEquals(14, ds.classCount());
        assertEquals("spleen", ds.classNames().get(1));
        assertEquals("adrenal_gland_left", ds.classNames().get(13));
        assertEquals(List.of("img0001", "img0002"), ds.cases().stream().map(CaseRef::id).toList());
        assertTrue(ds.cases().get(1).label().endsWith(Path.of("label", "label0002.nii.gz")));
        assertArrayEquals(FormatFixtures.phantom(1).labels().labels(), ds.readLabels(ds.cases().get(1)).labels());
    }

    @Test
    void btcvLabelOnAnotherGridIsSkipped(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir, 2);
        Path label = dir.resolve("RawData/Training/label/label0002.nii.gz");
        LabelMap l = Nifti.readLabels(label);
        Nifti.writeLabels(new LabelMap(FormatFixtures.shifted(l.geometry()), l.labels()), label);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals(List.of("img0001"), ds.cases().stream().map(CaseRef::id).toList());
        assertTrue(problems.toString().contains("label0002.nii.gz") && problems.toString().contains("another grid"), problems.toString());
    }

    @Test
    void msdStaysMsdDatasetAndSkipsCasesWithMissingFiles(@TempDir Path dir) throws Exception {
        new SyntheticDatasetWriter(FormatFixtures.GENERATOR, 2).write(dir, 3, "t", n -> { });
        assertInstanceOf(MsdDataset.class, Datasets.open(dir, null, opts));
        Files.delete(dir.resolve("imagesTr/case_0001.nii.gz"));
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals("msd", ds.format());
        assertEquals(List.of("case_0000", "case_0002"), ds.cases().stream().map(CaseRef::id).toList());
        assertTrue(problems.toString().contains("imagesTr/case_0001.nii.gz"), problems.toString());
    }

    @Test
    void minOrgansFiltersLabelMapDatasetsToo(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir, 3);
        int expected = 0;
        for (int i = 0; i < 3; i++) if (OrganFilter.organsPresent(FormatFixtures.phantom(i).labels().counts(), 14) >= 13) expected++;
        assertEquals(expected, Datasets.open(dir, null, opts.withMinOrgans(13)).cases().size());
        assertEquals(3, Datasets.open(dir, null, opts).cases().size()); // no filter by default outside TotalSegmentator
        assertThrows(IllegalArgumentException.class, () -> Datasets.open(dir, null, opts.withMinOrgans(14)));
    }

    @Test
    void labelMappingIsRefusedForBtcvAndTotalSegmentator(@TempDir Path dir) throws Exception {
        FormatFixtures.writeBtcv(dir, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.open(dir, null, opts.withLabelMapping(TotalSegLabelMapping.V1)));
        assertTrue(e.getMessage().contains("--label-map"), e.getMessage());
    }
}

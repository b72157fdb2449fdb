package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.CaseRef;
import dynaseg.data.Organ;
import dynaseg.data.SegmentationDataset;
import dynaseg.phantom.PhantomCase;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TotalSegmentatorDatasetTest {
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(problems::add);

    @Test
    void mergesTheOrganMasksIntoTheBtcvLabelMap(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 2, null);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals("totalseg", ds.format());
        assertEquals(BtcvDataset.organClassNames(), ds.classNames());
        assertEquals(List.of("s0000", "s0001"), ds.cases().stream().map(CaseRef::id).toList());
        for (int i = 0; i < 2; i++) {
            PhantomCase c = FormatFixtures.phantom(i);
            LabelMap merged = ds.readLabels(ds.cases().get(i));
            assertArrayEquals(c.labels().labels(), merged.labels(), "case " + i); // colon.nii.gz is ignored
            assertTrue(merged.geometry().sameGrid(c.image().geometry(), 1e-6));
            assertArrayEquals(c.image().voxels(), ds.readImage(ds.cases().get(i)).voxels());
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void metaCsvSplitsNameValidationAndHoldOutTestCases(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 3, List.of("train", "val", "test"));
        TotalSegmentatorDataset ds = (TotalSegmentatorDataset) TotalSegmentatorDataset.open(dir, opts);
        assertEquals(List.of("s0000", "s0001"), ds.cases().stream().map(CaseRef::id).toList());
        assertEquals(List.of("s0001"), ds.validationCases().stream().map(CaseRef::id).toList());
        assertEquals(List.of("s0002"), ds.testCases().stream().map(CaseRef::id).toList());
    }

    @Test
    void keepsOnlyScansWithEnoughOrgans(@TempDir Path dir) throws Exception {
        PhantomCase full = FormatFixtures.fullPhantom();
        FormatFixtures.writeTotalSegCase(dir, "a_full", full, full.labels());
        // 6 organs present
        LabelMap six = FormatFixtures.without(full.labels(), EnumSet.of(Organ.SPLEEN, Organ.KIDNEY_LEFT, Organ.KIDNEY_RIGHT,
                Organ.GALLBLADDER, Organ.ESOPHAGUS, Organ.ADRENAL_GLAND_LEFT, Organ.ADRENAL_GLAND_RIGHT));
        FormatFixtures.writeTotalSegCase(dir, "b_six", full, six);
        // 5 organs present
        LabelMap five = FormatFixtures.without(six, EnumSet.of(Organ.LIVER));
        FormatFixtures.writeTotalSegCase(dir, "c_five", full, five);
        assertEquals(6, OrganFilter.organsPresent(six.counts(), 14)); // the fixture is what the test says
        assertEquals(5, OrganFilter.organsPresent(five.counts(), 14));

        SegmentationDataset paper = Datasets.open(dir, "totalseg", opts); // default for TotalSegmentator: 6
        assertEquals(List.of("a_full", "b_six"), paper.cases().stream().map(CaseRef::id).toList());
        assertEquals(1, assertInstanceOf(FilteredDataset.class, paper).droppedCount());
        assertEquals(3, Datasets.open(dir, "totalseg", opts.withMinOrgans(5)).cases().size());
        assertEquals(1, Datasets.open(dir, "totalseg", opts.withMinOrgans(13)).cases().size());
        assertEquals(3, Datasets.open(dir, "totalseg", opts.withMinOrgans(0)).cases().size());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aMaskOnAnotherGridSkipsTheCaseNamingTheMask(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 3, null);
        Path liver = dir.resolve("s0001/segmentations/liver.nii.gz");
        LabelMap mask = Nifti.readLabels(liver);
        Nifti.writeLabels(new LabelMap(FormatFixtures.shifted(mask.geometry()), mask.labels()), liver);
        Files.delete(dir.resolve("s0002/segmentations/pancreas.nii.gz"));

        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals(List.of("s0000"), ds.cases().stream().map(CaseRef::id).toList());
        assertEquals(2, problems.size(), problems.toString());
        String text = problems.toString();
        assertTrue(text.contains("s0001") && text.contains("liver.nii.gz") && text.contains("another grid"), text);
        assertTrue(text.contains("s0002") && text.contains("pancreas.nii.gz"), text);

        IOException strict = assertThrows(IOException.class, () -> Datasets.open(dir, null, opts.withStrict(true)));
        assertTrue(strict.getMessage().contains("s0001") || strict.getMessage().contains("s0002"), strict.getMessage());
    }

    @Test
    void readLabelsNamesAMaskOnAnotherGrid(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 1, null);
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        Path aorta = dir.resolve("s0000/segmentations/aorta.nii.gz");
        LabelMap mask = Nifti.readLabels(aorta);
        Nifti.writeLabels(new LabelMap(FormatFixtures.shifted(mask.geometry()), mask.labels()), aorta);
        IOException e = assertThrows(IOException.class, () -> ds.readLabels(ds.cases().get(0)));
        assertTrue(e.getMessage().contains("aorta.nii.gz"), e.getMessage());
    }

    @Test
    void missingCtAndMetaEntriesAreReported(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 2, List.of("train", "train"));
        Files.writeString(dir.resolve("meta.csv"), "image_id;split\ns0000;train\ns0001;train\ns0009;val\n");
        Files.delete(dir.resolve("s0001/ct.nii.gz"));
        SegmentationDataset ds = Datasets.open(dir, null, opts);
        assertEquals(1, ds.cases().size());
        String text = problems.toString();
        assertTrue(text.contains("s0009") && text.contains("meta.csv"), text);
        assertTrue(text.contains("s0001") && text.contains("ct.nii.gz"), text);
    }

    @Test
    void aMetaCsvWithoutImageIdIsAnError(@TempDir Path dir) throws Exception {
        FormatFixtures.writeTotalSeg(dir, 1, null);
        Files.writeString(dir.resolve("meta.csv"), "id,split\ns0000,train\n");
        IOException e = assertThrows(IOException.class, () -> Datasets.open(dir, null, opts));
        assertTrue(e.getMessage().contains("meta.csv") && e.getMessage().contains("image_id"), e.getMessage());
    }
}

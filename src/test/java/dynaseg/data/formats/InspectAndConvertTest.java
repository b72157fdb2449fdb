package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.CaseRef;
import dynaseg.data.Organ;
import dynaseg.data.Progress;
import dynaseg.data.SegmentationDataset;
import dynaseg.phantom.PhantomCase;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndConvertTest {
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(problems::add);

    /** Two full cases and one with 5 organs (the first 8 erased). */
    private static void writeMixed(Path dir) throws IOException {
        PhantomCase full = FormatFixtures.fullPhantom();
        FormatFixtures.writeTotalSegCase(dir, "s1", full, full.labels());
        PhantomCase other = FormatFixtures.phantom(full.index() + 1);
        FormatFixtures.writeTotalSegCase(dir, "s2", other, other.labels());
        FormatFixtures.writeTotalSegCase(dir, "s3", full, FormatFixtures.without(full.labels(), EnumSet.range(Organ.SPLEEN, Organ.AORTA)));
    }

    @Test
    void inspectorCountsOrganVoxelsOfTheKeptCases(@TempDir Path dir) throws Exception {
        writeMixed(dir);
        SegmentationDataset ds = Datasets.open(dir, null, opts.withMinOrgans(0));
        DatasetStats stats = new DatasetInspector(6).inspect(ds, opts, Progress.NONE);
        assertEquals(3, stats.cases());
        assertEquals(2, stats.kept());
        long[] naive = new long[14];
        for (PhantomCase c : List.of(FormatFixtures.fullPhantom(), FormatFixtures.phantom(FormatFixtures.fullPhantom().index() + 1))) {
            for (byte b : c.labels().labels()) naive[b & 0xFF]++;
        }
        double total = 0, shareSum = 0;
        for (int c = 1; c < 14; c++) total += naive[c];
        for (Organ o : Organ.values()) {
            assertEquals(naive[o.label()], stats.organVoxels().get(o.structureName()), o.structureName());
            assertEquals(100 * naive[o.label()] / total, stats.voxelShare().get(o.structureName()), 1e-9);
            shareSum += stats.voxelShare().get(o.structureName());
        }
        assertEquals(100, shareSum, 1e-9);
        assertArrayEquals(new double[] {24, 24, 24}, stats.size()[2]);
        assertArrayEquals(new double[] {2, 2, 2.5}, stats.spacing()[0], 1e-6);
        JsonNode json = new ObjectMapper().readTree(stats.toJson());
        for (String key : new String[] {"format", "cases", "kept", "voxel_share", "organ_voxels"}) assertTrue(json.has(key), key);
        assertEquals(naive[6], json.get("organ_voxels").get("liver").asLong());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        double[][] m = DatasetInspector.minMedianMax(List.of(new double[] {1, 5, 9}, new double[] {3, 1, 9},
                new double[] {2, 2, 9}, new double[] {8, 4, 9}));
        assertArrayEquals(new double[] {1, 1, 9}, m[0]);
        assertArrayEquals(new double[] {2.5, 3, 9}, m[1]);
        assertArrayEquals(new double[] {8, 5, 9}, m[2]);
    }

    @Test
    void convertWritesAnMsdDatasetOfTheKeptCases(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("totalseg");
        writeMixed(src);
        Files.writeString(src.resolve("meta.csv"), "image_id;split\ns1;train\ns2;val\ns3;train\n");
        SegmentationDataset ds = Datasets.open(src, null, opts);
        AtomicInteger calls = new AtomicInteger();
        DatasetConverter.Result r = DatasetConverter.convert(ds, dir.resolve("out"), opts, (done, total, id) -> calls.incrementAndGet());
        assertEquals(2, r.written());
        assertEquals(0, r.skipped());
        assertEquals(2, calls.get());
        MsdDataset msd = MsdDataset.open(dir.resolve("out"));
        assertEquals(BtcvDataset.organClassNames(), msd.classNames());
        assertEquals(List.of("s1", "s2"), msd.cases().stream().map(CaseRef::id).toList());
        assertEquals(List.of("s2"), msd.validationCases().stream().map(CaseRef::id).toList());
        for (CaseRef ref : ds.cases()) {
            CaseRef out = msd.cases().stream().filter(c -> c.id().equals(ref.id())).findFirst().orElseThrow();
            assertArrayEquals(ds.readLabels(ref).labels(), msd.readLabels(out).labels());
            assertArrayEquals(Files.readAllBytes(ref.image()), Files.readAllBytes(out.image()));
            assertEquals(0, Nifti.readHeader(out.label()).datatype().code() - 2); // uint8
        }
        IOException again = assertThrows(IOException.class, () -> DatasetConverter.convert(ds, dir.resolve("out"), opts, Progress.NONE));
        assertTrue(again.getMessage().contains("already holds a dataset"), again.getMessage());
    }

    @Test
    void convertSkipsACaseThatFailsToReadAndGoesOn(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("nn");
        FormatFixtures.writeNnUnet(src, 3);
        SegmentationDataset ds = Datasets.open(src, null, opts);
        // damaged after opening: the header is fine but the data are cut short
        Path label = src.resolve("labelsTr/case_0001.nii.gz");
        byte[] raw;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(label))) {
            raw = in.readAllBytes();
        }
        Files.write(label, java.util.Arrays.copyOf(raw, raw.length / 2));
        DatasetConverter.Result r = DatasetConverter.convert(ds, dir.resolve("out"), opts, Progress.NONE);
        assertEquals(2, r.written());
        assertEquals(1, r.skipped());
        assertEquals(1, problems.size());
        assertEquals("case_0001", problems.get(0).caseId());
        assertTrue(problems.get(0).toString().contains("case_0001.nii.gz"), problems.toString());
        assertEquals(List.of("case_0000", "case_0002"), MsdDataset.open(dir.resolve("out")).cases().stream().map(CaseRef::id).toList());
        assertTrue(Files.notExists(dir.resolve("out/imagesTr/case_0001.nii.gz")));
        assertThrows(IOException.class, () -> DatasetConverter.convert(ds, dir.resolve("out2"), opts.withStrict(true), Progress.NONE));
    }
}

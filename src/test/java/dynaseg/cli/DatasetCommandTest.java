package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.formats.MsdDataset;
import dynaseg.data.Organ;
import dynaseg.phantom.PhantomCase;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    private static final PhantomGenerator GEN = new PhantomGenerator(24, new double[] {2, 2, 2.5}, 5);

    /** TotalSegmentator case folders s0..s(n-1) from phantoms, one binary mask per organ. */
    private static long[] writeTotalSeg(Path dir, int n) throws Exception {
        long[] counts = new long[14];
        for (int c = 0; c < n; c++) {
            PhantomCase p = GEN.generate(c);
            Path seg = Files.createDirectories(dir.resolve("s" + c + "/segmentations"));
            Nifti.writeVolume(p.image(), dir.resolve("s" + c + "/ct.nii.gz"), "int16");
            byte[] l = p.labels().labels();
            for (Organ o : Organ.values()) {
                byte[] mask = new byte[l.length];
                for (int i = 0; i < l.length; i++) if (l[i] == o.label()) mask[i] = 1;
                Nifti.writeLabels(new LabelMap(p.labels().geometry(), mask), seg.resolve(o.structureName() + ".nii.gz"));
            }
            for (byte b : l) counts[b & 0xFF]++;
        }
        return counts;
    }

    @Test
    void inspectPrintsJsonWithTheOrganVoxels(@TempDir Path dir) throws Exception {
        long[] counts = writeTotalSeg(dir, 2);
        CommandRun r = CommandRun.of("dataset", "inspect", dir.toString(), "--json", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("totalseg", json.get("format").asText());
        assertEquals(2, json.get("cases").asInt());
        assertEquals(2, json.get("kept").asInt());
        assertEquals(counts[Organ.LIVER.label()], json.get("organ_voxels").get("liver").asLong());
        double share = 0;
        for (JsonNode v : json.get("voxel_share")) share += v.asDouble();
        assertEquals(100, share, 1e-9);
    }

    @Test
    void inspectWarnsAboutABadCaseAndGoesOn(@TempDir Path dir) throws Exception {
        writeTotalSeg(dir, 2);
        Files.delete(dir.resolve("s1/segmentations/spleen.nii.gz"));
        CommandRun r = CommandRun.of("dataset", "inspect", dir.toString(), "--min-organs", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("warning: skipped case s1") && r.err().contains("spleen.nii.gz"), r.err());
        assertTrue(r.out().contains("cases: 1, kept: 1 (at least 3 organs)"), r.out());
        assertTrue(r.out().contains("liver"), r.out());

        CommandRun strict = CommandRun.of("dataset", "inspect", dir.toString(), "--strict");
        assertEquals(1, strict.exitCode());
        assertTrue(strict.err().contains("s1") && strict.err().contains("--strict"), strict.err());
    }

    @Test
    void convertWritesMsdWithMergedLabels(@TempDir Path dir) throws Exception {
        writeTotalSeg(dir.resolve("ts"), 2);
        CommandRun r = CommandRun.of("dataset", "convert", dir.resolve("ts").toString(), "--out", dir.resolve("msd").toString(), "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("convert: 2/2 cases") && r.out().contains("wrote 2 cases"), r.out());
        MsdDataset msd = MsdDataset.open(dir.resolve("msd"));
        assertEquals(2, msd.cases().size());
        assertArrayEquals(GEN.generate(1).labels().labels(), msd.readLabels(msd.cases().get(1)).labels());
    }

    @Test
    void anUnknownLayoutIsAClearError(@TempDir Path dir) {
        CommandRun r = CommandRun.of("dataset", "inspect", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("cannot tell the dataset layout") && r.err().contains("--format"), r.err());
        assertTrue(r.err().contains("dynaseg dataset inspect: error: "), r.err()); // the full command, not "dynaseg inspect"
        CommandRun bad = CommandRun.of("dataset", "inspect", dir.toString(), "--format", "dicom");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("dicom"), bad.err());
    }
}

package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.io.Geometry;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import dynaseg.testutil.PythonPeer;
import dynaseg.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynaseg info}: JSON keys and values against hand-computed numbers and nibabel, text layout, errors. */
@Tag("slow")
class InfoCommandTest {
    @TempDir Path dir;

    /** A 4x3x2 LPS int16 image with labels 0 (18 voxels), 2 (4) and 7 (2): mean = (8 + 14) / 24. */
    private Path smallLps() throws IOException {
        double[][] lps = {{-0.5, 0, 0, 10}, {0, -0.75, 0, 20}, {0, 0, 2, -30}, {0, 0, 0, 1}};
        Geometry g = new Geometry(new int[] {4, 3, 2}, new double[] {0.5, 0.75, 2}, lps, 1, 1);
        float[] v = new float[24];
        v[1] = v[5] = v[9] = v[23] = 2;
        v[0] = v[22] = 7;
        Path p = dir.resolve("small.nii.gz");
        Nifti.writeVolume(new Volume(g, v), p, "int16");
        return p;
    }

    @Test
    void jsonHasTheDocumentedKeysAndValues() throws IOException {
        Path p = smallLps();
        CommandRun r = CommandRun.of("info", "--json", "--labels", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[4,3,2]", j.get("dims").toString());
        assertEquals(0.75, j.get("spacing").get(1).asDouble(), 1e-7);
        assertEquals("int16", j.get("datatype").asText());
        assertEquals("LPS", j.get("orientation").asText());
        assertEquals(4, j.get("affine").size());
        assertEquals(-0.5, j.get("affine").get(0).get(0).asDouble());
        assertEquals(-30, j.get("affine").get(2).get(3).asDouble());
        assertEquals(0, j.get("min").asDouble());
        assertEquals(7, j.get("max").asDouble());
        assertEquals(22.0 / 24, j.get("mean").asDouble(), 1e-12);
        assertEquals("{\"0\":18,\"2\":4,\"7\":2}", j.get("labels").toString());
        assertFalse(CommandRun.of("info", "--json", p.toString()).out().contains("labels"), "labels only when asked");
    }

    @Test
    void textListingIsAligned() throws IOException {
        CommandRun r = CommandRun.of("info", "--labels", smallLps().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("dims         4 x 3 x 2"), r.out());
        assertTrue(r.out().contains("orientation  LPS"), r.out());
        assertTrue(r.out().contains("datatype     int16"), r.out());
        assertTrue(r.out().contains("labels       0  18 voxels"), r.out());
        int valueColumn = r.out().indexOf("4 x 3 x 2") - r.out().lastIndexOf('\n', r.out().indexOf("4 x 3 x 2")) - 1;
        for (String line : r.out().split("\n")) assertEquals(' ', line.charAt(valueColumn - 1), "aligned: " + line);
    }

    @Test
    void badFileIsOneClearError() throws IOException {
        Path p = dir.resolve("broken.nii.gz");
        Files.writeString(p, "not an image");
        CommandRun r = CommandRun.of("info", p.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("broken.nii.gz") && r.err().contains("not a NIfTI file"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void realCtMatchesReadmeAndNibabel() throws IOException {
        Path ct = SharedData.totalsegExample().resolve("example_ct_sm.nii.gz");
        CommandRun r = CommandRun.of("info", "--json", ct.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[122,101,30]", j.get("dims").toString());
        assertEquals("int16", j.get("datatype").asText());
        assertEquals("RAS", j.get("orientation").asText());
        for (JsonNode s : j.get("spacing")) assertEquals(3.0, s.asDouble(), 1e-6);
        PythonPeer.require("nibabel", "numpy");
        String[] ref = PythonPeer.run("""
                import sys, nibabel as nib
                d = nib.load(sys.argv[1]).get_fdata()
                print(d.min(), d.max(), repr(d.mean()))
                """, ct.toString()).trim().split(" ");
        assertEquals(Double.parseDouble(ref[0]), j.get("min").asDouble());
        assertEquals(Double.parseDouble(ref[1]), j.get("max").asDouble());
        assertEquals(Double.parseDouble(ref[2]), j.get("mean").asDouble(), 1e-9);
    }

    /** Organ names beside the counts: from --label-table, else from a labels.json next to the file. */
    @Test
    void labelCountsShowTheOrganNamesOfALabelTable() throws IOException {
        Path p = smallLps();
        Files.writeString(dir.resolve("labels.json"), "{\"labels\": {\"background\": 0, \"kidney\": 2}}");
        CommandRun beside = CommandRun.of("info", "--labels", p.toString());
        assertEquals(0, beside.exitCode(), beside.err());
        assertTrue(beside.out().contains("labels       0  18 voxels   75.00%  background"), beside.out());
        assertTrue(beside.out().contains("2   4 voxels   16.67%  kidney"), beside.out());
        assertTrue(beside.out().contains("7   2 voxels    8.33%  label_7"), beside.out());

        Path ctbl = dir.resolve("other.ctbl");
        Files.writeString(ctbl, "# Color table file other.ctbl\n7 liver 10 20 30 255\n");
        CommandRun given = CommandRun.of("info", "--json", "--label-table", ctbl.toString(), p.toString());
        assertEquals(0, given.exitCode(), given.err());
        JsonNode j = new ObjectMapper().readTree(given.out());
        assertEquals("{\"0\":18,\"2\":4,\"7\":2}", j.get("labels").toString(), "--label-table implies the counts");
        assertEquals("{\"0\":\"label_0\",\"2\":\"label_2\",\"7\":\"liver\"}", j.get("label_names").toString());

        assertFalse(CommandRun.of("info", p.toString()).out().contains("kidney"), "names only with counts");
        CommandRun missing = CommandRun.of("info", "--label-table", dir.resolve("none.json").toString(), p.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.json"), missing.err());
    }
}

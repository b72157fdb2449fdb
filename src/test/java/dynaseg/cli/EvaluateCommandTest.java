package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.testutil.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynaseg evaluate}: hand-computed scores in JSON/CSV/table, names, pairing, missing files, grid errors. */
class EvaluateCommandTest {
    @TempDir Path dir;

    private static final Geometry G = Geometry.axisAligned(6, 6, 6, 1, 1, 2);

    /**
     * Truth: label 1 at voxel (1,1,1), label 2 a 2x2x1 block. Prediction: label 1 at (1,1,3)
     * (2 slices = 4 mm away: Dice 0, HD95 4, NSD 0), label 2 identical (1, 0, 1), label 3 only predicted (NaN).
     */
    private void writeCase(Path predDir, Path truthDir, String name) throws IOException {
        byte[] t = new byte[G.voxelCount()];
        byte[] p = new byte[G.voxelCount()];
        t[G.index(1, 1, 1)] = 1;
        p[G.index(1, 1, 3)] = 1;
        for (int y = 3; y < 5; y++) for (int x = 3; x < 5; x++) t[G.index(x, y, 4)] = p[G.index(x, y, 4)] = 2;
        p[G.index(5, 5, 5)] = 3;
        Files.createDirectories(predDir);
        Files.createDirectories(truthDir);
        Nifti.writeLabels(new LabelMap(G, p), predDir.resolve(name + ".nii.gz"));
        Nifti.writeLabels(new LabelMap(G, t), truthDir.resolve(name + ".nii"));
    }

    @Test
    void jsonCsvAndTableHoldTheHandComputedScores() throws IOException {
        Path pred = dir.resolve("pred"), truth = dir.resolve("data/labelsTr");
        writeCase(pred, truth, "case_a");
        writeCase(pred, truth, "case_b");
        Files.writeString(dir.resolve("data/dataset.json"),
                "{\"labels\": {\"0\": \"background\", \"1\": \"liver\", \"2\": \"spleen\", \"3\": \"kidney\"}}");
        Path csv = dir.resolve("out/scores.csv");
        CommandRun r = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--json", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"liver\",\"spleen\",\"kidney\"]", j.get("organs").toString());
        assertEquals(6, j.get("cases").size());
        JsonNode first = j.get("cases").get(0);
        assertEquals("case_a", first.get("case").asText());
        assertEquals("liver", first.get("organ").asText());
        assertEquals(0.0, first.get("dice").asDouble());
        assertEquals(4.0, first.get("hd95").asDouble(), 1e-12);
        assertEquals(0.0, first.get("nsd").asDouble());
        JsonNode kidney = j.get("cases").get(2);
        assertTrue(kidney.get("dice").isNull() && kidney.get("hd95").isNull() && kidney.get("nsd").isNull(), kidney.toString());
        assertEquals(1.0, j.get("mean").get("spleen").get("dice").asDouble());
        assertEquals(0.0, j.get("mean").get("spleen").get("hd95").asDouble());
        assertEquals(2, j.get("mean").get("spleen").get("cases").asInt());
        assertTrue(j.get("mean").get("kidney").get("dice").isNull());
        assertEquals(1.0, j.get("tolerance_mm").asDouble());

        List<String> lines = Files.readAllLines(csv);
        assertEquals("case,organ,dice,hd95,nsd", lines.get(0));
        assertEquals("case_a,liver,0.000000,4.000000,0.000000", lines.get(1));
        assertEquals("case_a,kidney,nan,nan,nan", lines.get(3));
        assertEquals("mean,spleen,1.000000,0.000000,1.000000", lines.get(8));

        // a 4 mm tolerance counts the liver voxels as matching; default output is the table
        CommandRun table = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--tolerance", "4");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("NSD@4mm"), table.out());
        assertTrue(table.out().matches("(?s).*liver\\s+0\\.0000\\s+4\\.00\\s+1\\.0000\\s+2\\n.*"), table.out());
    }

    @Test
    void missedOrganIsInfiniteHd95AndBtcvNamesWithoutDatasetJson() throws IOException {
        Path pred = dir.resolve("p"), truth = dir.resolve("t");
        Files.createDirectories(pred);
        Files.createDirectories(truth);
        byte[] t = new byte[G.voxelCount()];
        t[G.index(2, 2, 2)] = 6;
        Nifti.writeLabels(new LabelMap(G, t), truth.resolve("x.nii.gz"));
        Nifti.writeLabels(new LabelMap(G, new byte[G.voxelCount()]), pred.resolve("x.nii.gz"));
        CommandRun r = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(6, j.get("organs").size());
        assertEquals("spleen", j.get("organs").get(0).asText());
        assertEquals("liver", j.get("organs").get(5).asText());
        JsonNode liver = j.get("cases").get(5);
        assertEquals("inf", liver.get("hd95").asText());
        assertEquals(0.0, liver.get("dice").asDouble());
        assertEquals(0.0, liver.get("nsd").asDouble());
    }

    @Test
    void missingPredictionsFailUnlessAllowedAndExtraOnesWarn() throws IOException {
        Path pred = dir.resolve("pred"), truth = dir.resolve("truth");
        writeCase(pred, truth, "one");
        writeCase(dir.resolve("elsewhere"), truth, "two");
        writeCase(dir.resolve("elsewhere"), truth, "three");
        writeCase(pred, dir.resolve("elsewhere2"), "orphan");
        CommandRun r = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("2 of 3 truth cases have no prediction") && r.err().contains("three, two"), r.err());
        CommandRun allowed = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--allow-missing", "--json");
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(allowed.err().contains("warning") && allowed.err().contains("skipped"), allowed.err());
        assertTrue(allowed.err().contains("orphan"), allowed.err());
        assertEquals(3, new ObjectMapper().readTree(allowed.out()).get("cases").size(), "one case x 3 labels");
    }

    @Test
    void differentGridsNameBothFiles() throws IOException {
        Path pred = dir.resolve("pred"), truth = dir.resolve("truth");
        Files.createDirectories(pred);
        Files.createDirectories(truth);
        Nifti.writeLabels(new LabelMap(G, new byte[G.voxelCount()]), truth.resolve("c.nii.gz"));
        Geometry other = Geometry.axisAligned(6, 6, 5, 1, 1, 2);
        Nifti.writeLabels(new LabelMap(other, new byte[other.voxelCount()]), pred.resolve("c.nii.gz"));
        CommandRun r = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(pred.resolve("c.nii.gz").toString()) && r.err().contains(truth.resolve("c.nii.gz").toString())
                && r.err().contains("different grids"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    /**
     * nnU-Net naming: predictions named like the images ({@code ct_0000}) pair with labelsTs'
     * {@code ct}, and predictions named like the labels pair with truths named like images; the
     * organ names come from the labels.json that predict writes, or from --labels.
     */
    @Test
    void nnUnetNamesPairEitherWayAndTheLabelTableNamesTheOrgans() throws IOException {
        Path pred = dir.resolve("pred"), truth = dir.resolve("labelsTs");
        writeCase(dir.resolve("p0"), truth, "ct");
        Files.createDirectories(pred);
        Files.move(dir.resolve("p0/ct.nii.gz"), pred.resolve("ct_0000.nii.gz"));
        writeCase(pred, dir.resolve("t0"), "mr");
        Files.move(dir.resolve("t0/mr.nii"), truth.resolve("mr_0000.nii"));
        Files.writeString(pred.resolve("labels.json"), "{\"labels\": {\"background\": 0, \"a\": 1, \"b\": 2, \"c\": 3}}");

        CommandRun r = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"a\",\"b\",\"c\"]", j.get("organs").toString(), "names from pred/labels.json");
        assertEquals(6, j.get("cases").size());
        assertEquals("ct", j.get("cases").get(0).get("case").asText(), "cases keep the truth's names");
        assertEquals("mr_0000", j.get("cases").get(3).get("case").asText());
        assertEquals(1.0, j.get("mean").get("b").get("dice").asDouble());

        Path ctbl = dir.resolve("names.ctbl");
        Files.writeString(ctbl, "# Color table file names.ctbl\n0 background 0 0 0 0\n1 x 1 2 3 255\n2 y 1 2 3 255\n3 z 1 2 3 255\n");
        CommandRun given = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString(), "--labels", ctbl.toString(),
                "--json");
        assertEquals(0, given.exitCode(), given.err());
        assertEquals("[\"x\",\"y\",\"z\"]", new ObjectMapper().readTree(given.out()).get("organs").toString());

        // a same-name pair wins over the other spelling, which then has no truth
        writeCase(pred, dir.resolve("t1"), "ct");
        CommandRun both = CommandRun.of("evaluate", "--pred", pred.toString(), "--truth", truth.toString());
        assertEquals(0, both.exitCode(), both.err());
        assertTrue(both.err().contains("1 predictions have no truth") && both.err().contains("ct_0000"), both.err());
    }
}

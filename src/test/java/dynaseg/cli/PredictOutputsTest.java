package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.infer.PredictRuns;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import dynaseg.testutil.PythonPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code predict} writes besides the label maps: labels.json and labels.ctbl, nnU-Net case
 * names ({@code ct_0000.nii.gz} -> {@code ct.nii.gz}), {@code --split-masks} (checked voxel for
 * voxel against the label map, and against nibabel's reading of data, type and affine) and
 * {@code --statistics}; reruns skip finished work and add missing per-organ outputs from the
 * existing label map; name clashes and foreign label tables are refused before anything is written.
 */
@Tag("slow")
class PredictOutputsTest {
    private static final List<String> ORGANS = PredictRuns.ORGANS; // spleen, right_kidney, liver

    @TempDir Path tmp;
    private Path runDir;

    @BeforeEach
    void run() throws IOException {
        runDir = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
    }

    /** An oblique LPS scan, so that a mask written on a made-up grid would show in its affine. */
    private static void scan(Path file, long seed) throws IOException {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        double[][] affine = {{-2.5 * c, -2.5 * s, 0, 40}, {-2.5 * s, 2.5 * c, 0, -12.5}, {0, 0, 3, 7}, {0, 0, 0, 1}};
        Geometry g = new Geometry(new int[] {13, 11, 8}, new double[] {2.5, 2.5, 3}, affine, 1, 1);
        Random r = new Random(seed);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.rint(r.nextGaussian() * 200);
        Nifti.writeVolume(new Volume(g, v), file, "int16");
    }

    private CommandRun predict(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("predict", "--run", runDir.toString(), "--input", in.toString(),
                "--out", out.toString(), "--progress", "lines"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void labelTableMasksAndStatisticsWithNnUnetNames() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("imagesTs"));
        scan(in.resolve("ct_0000.nii.gz"), 1);
        scan(in.resolve("other_0000.nii.gz"), 2);
        Path out = tmp.resolve("pred");

        CommandRun first = predict(in, out, "--split-masks", "--statistics");
        assertEquals(0, first.exitCode(), first.both());
        assertTrue(first.out().contains("2 written, 0 skipped, 0 failed"), first.out());
        assertTrue(Files.isRegularFile(out.resolve("ct.nii.gz")) && Files.isRegularFile(out.resolve("other.nii.gz")));
        assertFalse(Files.exists(out.resolve("ct_0000.nii.gz")), "written under the case name, as labelsTs names it");

        JsonNode labels = new ObjectMapper().readTree(out.resolve("labels.json").toFile());
        assertEquals("{\"labels\":{\"background\":0,\"spleen\":1,\"right_kidney\":2,\"liver\":3}}", labels.toString());
        assertTrue(Files.readString(out.resolve("labels.ctbl")).contains("\n3 liver "), "Slicer colour table");

        for (String c : List.of("ct", "other")) {
            LabelMap map = Nifti.readLabels(out.resolve(c + ".nii.gz"));
            long[] counts = map.counts();
            JsonNode stats = new ObjectMapper().readTree(out.resolve(c).resolve("statistics.json").toFile());
            assertTrue(Files.isRegularFile(out.resolve(c).resolve("statistics.csv")));
            for (int k = 0; k < ORGANS.size(); k++) {
                int value = k + 1;
                LabelMap mask = Nifti.readLabels(out.resolve(c).resolve(ORGANS.get(k) + ".nii.gz"));
                assertTrue(mask.geometry().sameGrid(map.geometry(), 1e-9), "mask on the label map's grid");
                byte[] m = mask.labels(), l = map.labels();
                for (int i = 0; i < l.length; i++) {
                    assertEquals((l[i] & 0xFF) == value ? 1 : 0, m[i], c + " " + ORGANS.get(k) + " voxel " + i);
                }
                assertEquals(counts[value], stats.get(ORGANS.get(k)).get("voxels").asLong(), c + " " + ORGANS.get(k));
            }
            try (Stream<Path> files = Files.list(out.resolve(c))) {
                assertEquals(ORGANS.size() + 2, files.count(), "masks and statistics, no temporary files");
            }
        }
        checkWithNibabel(in.resolve("ct_0000.nii.gz"), out.resolve("ct.nii.gz"), out.resolve("ct"));

        // a rerun skips finished cases
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Path liver = out.resolve("ct/liver.nii.gz");
        Path labelMap = out.resolve("ct.nii.gz");
        Files.setLastModifiedTime(labelMap, old);
        Files.setLastModifiedTime(liver, old);
        CommandRun again = predict(in, out, "--split-masks", "--statistics");
        assertEquals(0, again.exitCode(), again.both());
        assertTrue(again.out().contains("0 written, 2 skipped, 0 failed"), again.out());
        assertEquals(old, Files.getLastModifiedTime(liver));

        // missing per-organ outputs come from the existing label map, which is not predicted again
        Files.delete(liver);
        Files.delete(out.resolve("other/statistics.json"));
        CommandRun complete = predict(in, out, "--split-masks", "--statistics");
        assertEquals(0, complete.exitCode(), complete.both());
        assertTrue(complete.out().contains("0 written, 0 skipped, 0 failed, 2 completed from existing label maps"), complete.out());
        assertTrue(complete.out().contains("wrote split masks from it"), complete.out());
        assertEquals(old, Files.getLastModifiedTime(labelMap));
        assertTrue(Files.isRegularFile(liver) && Files.isRegularFile(out.resolve("other/statistics.json")));

        // a preview asked for later comes from the existing label map too, beside it
        CommandRun previews = predict(in, out, "--preview");
        assertEquals(0, previews.exitCode(), previews.both());
        assertTrue(previews.out().contains("2 completed from existing label maps") && previews.out().contains("wrote its preview"),
                previews.out());
        assertEquals(old, Files.getLastModifiedTime(labelMap));
        assertTrue(Files.isRegularFile(out.resolve("ct_preview.png")) && Files.isRegularFile(out.resolve("other_preview.png")));
        CommandRun previewsAgain = predict(in, out, "--preview");
        assertTrue(previewsAgain.out().contains("0 written, 2 skipped, 0 failed"), previewsAgain.out());

        // --overwrite replaces all
        Files.setLastModifiedTime(liver, old);
        CommandRun forced = predict(in.resolve("ct_0000.nii.gz"), out, "--split-masks", "--overwrite");
        assertEquals(0, forced.exitCode(), forced.both());
        assertTrue(forced.out().contains("1 written"), forced.out());
        assertFalse(old.equals(Files.getLastModifiedTime(labelMap)));
        assertFalse(old.equals(Files.getLastModifiedTime(liver)));
    }

    /** nibabel reads each mask as uint8 0/1, equal to (label map == value), with the scan's affine. */
    private static void checkWithNibabel(Path scan, Path labelMap, Path maskDir) {
        PythonPeer.require("numpy", "nibabel");
        String report = PythonPeer.run("""
                import sys, numpy as np, nibabel as nib
                scan, seg = nib.load(sys.argv[1]), nib.load(sys.argv[2])
                labels = np.asarray(seg.dataobj)
                for value, organ in enumerate(sys.argv[4:], start=1):
                    m = nib.load(sys.argv[3] + '/' + organ + '.nii.gz')
                    data = np.asarray(m.dataobj)
                    assert m.get_data_dtype() == np.uint8, m.get_data_dtype()
                    assert m.shape == scan.shape, (m.shape, scan.shape)
                    assert np.allclose(m.affine, scan.affine, atol=1e-5), (m.affine, scan.affine)
                    assert set(np.unique(data).tolist()) <= {0, 1}
                    assert np.array_equal(data == 1, labels == value), organ
                    print(organ, int(data.sum()))
                """, scan.toString(), labelMap.toString(), maskDir.toString(), ORGANS.get(0), ORGANS.get(1), ORGANS.get(2));
        assertEquals(3, report.strip().lines().count(), report);
    }

    /** Cases numbered case_0000, case_0001, ... (dynaseg synth's names) keep their names: _0000 is a number there. */
    @Test
    void numberedCasesKeepTheirNamesAndALoneChannelSuffixStillGoes() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("numbered"));
        scan(in.resolve("case_0000.nii.gz"), 7);
        scan(in.resolve("case_0001.nii.gz"), 8);
        scan(in.resolve("ct_0000.nii.gz"), 9);
        Path out = tmp.resolve("numbered-pred");
        CommandRun r = predict(in, out);
        assertEquals(0, r.exitCode(), r.both());
        for (String name : List.of("case_0000.nii.gz", "case_0001.nii.gz", "ct.nii.gz")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name + " in " + r.out());
        }
        assertFalse(Files.exists(out.resolve("case.nii.gz")), "case_0000 is not channel 0 of 'case'");
    }

    @Test
    void twoInputsOfOneCaseAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        scan(in.resolve("x_0000.nii.gz"), 3);
        scan(in.resolve("x.nii.gz"), 4);
        Path out = tmp.resolve("out");
        CommandRun r = predict(in, out);
        assertEquals(2, r.exitCode(), r.both());
        assertTrue(r.err().contains("x_0000.nii.gz") && r.err().contains("x.nii.gz") && r.err().contains("case 'x'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing written");

        Path plain = Files.createDirectories(tmp.resolve("plain"));
        scan(plain.resolve("a.nii"), 5);
        scan(plain.resolve("a.nii.gz"), 6);
        CommandRun twoEndings = predict(plain, out);
        assertEquals(2, twoEndings.exitCode(), twoEndings.both());
        assertTrue(twoEndings.err().contains("case 'a'"), twoEndings.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFolderWithOtherLabelsIsRefused() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        scan(in.resolve("a.nii.gz"), 7);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("labels.json"), "{\"labels\": {\"background\": 0, \"tumour\": 1}}");
        CommandRun r = predict(in, out);
        assertEquals(2, r.exitCode(), r.both());
        assertTrue(r.err().contains(out.resolve("labels.json").toString()) && r.err().contains("--overwrite"), r.err());
        assertFalse(Files.exists(out.resolve("a.nii.gz")));

        CommandRun replaced = predict(in, out, "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.both());
        assertTrue(Files.readString(out.resolve("labels.json")).contains("\"liver\" : 3"));
        assertArrayEquals(new int[] {13, 11, 8}, Nifti.readLabels(out.resolve("a.nii.gz")).geometry().dims());
    }
}

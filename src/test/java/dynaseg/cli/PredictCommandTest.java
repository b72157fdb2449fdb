package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.infer.PredictRuns;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class PredictCommandTest {
    @TempDir Path tmp;

    private static void scan(Path file, int nx, int ny, int nz, long seed) throws Exception {
        Geometry g = Geometry.axisAligned(nx, ny, nz, 2.5, 2.5, 3.0);
        Random r = new Random(seed);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 200);
        Nifti.writeVolume(new Volume(g, v), file, "int16");
    }

    @Test
    void predictsAFolderKeepsGoingPastABadScanAndNeverOverwritesUnasked() throws Exception {
        Path runDir = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Path in = Files.createDirectories(tmp.resolve("in"));
        scan(in.resolve("a.nii.gz"), 14, 12, 9, 1);
        Files.write(in.resolve("b_broken.nii.gz"), new byte[] {1, 2, 3, 4});
        scan(in.resolve("c.nii"), 9, 13, 7, 2);
        Files.writeString(in.resolve("notes.txt"), "not a scan");
        Path out = tmp.resolve("out/nested");

        CommandRun first = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.toString(), "--out", out.toString(),
                "--progress", "lines");
        assertEquals(1, first.exitCode(), first.out() + first.err());
        assertTrue(first.err().contains("b_broken.nii.gz"), first.err());
        assertTrue(first.out().contains("2 written, 0 skipped, 1 failed"), first.out());
        assertTrue(first.out().contains("case 3/3 c.nii"), first.out());
        LabelMap a = Nifti.readLabels(out.resolve("a.nii.gz"));
        assertTrue(a.geometry().sameGrid(Nifti.readVolume(in.resolve("a.nii.gz")).geometry(), 1e-6));
        assertTrue(Files.isRegularFile(out.resolve("c.nii")));
        assertFalse(Files.exists(out.resolve("b_broken.nii.gz")));
        assertFalse(Files.exists(out.resolve("a_probabilities.nii.gz")));
        try (var s = Files.list(out)) {
            assertEquals(java.util.Set.of("a.nii.gz", "c.nii", "labels.json", "labels.ctbl"),
                    s.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "the label maps and their label table, no temporary files left behind");
        }

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out.resolve("a.nii.gz"), old);
        Files.delete(in.resolve("b_broken.nii.gz"));
        CommandRun again = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.toString(), "--out", out.toString(),
                "--progress", "lines");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("0 written, 2 skipped, 0 failed"), again.out());
        assertTrue(again.out().contains("--overwrite"), again.out());
        assertEquals(old, Files.getLastModifiedTime(out.resolve("a.nii.gz")));

        CommandRun forced = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.resolve("a.nii.gz").toString(),
                "--out", out.toString(), "--overwrite", "--probabilities", "--mirror", "--window-batch", "4",
                "--overlap", "0.25", "--checkpoint", "best", "--progress", "lines");
        assertEquals(0, forced.exitCode(), forced.out() + forced.err());
        assertTrue(forced.out().contains("1 written"), forced.out());
        assertTrue(forced.out().contains("window batch 4, mirroring"), forced.out());
        assertFalse(old.equals(Files.getLastModifiedTime(out.resolve("a.nii.gz"))));
        assertTrue(Files.isRegularFile(out.resolve("a_probabilities.nii.gz")));
        assertEquals(4, Nifti.readHeader(out.resolve("a_probabilities.nii.gz")).shape()[3]);
    }

    @Test
    void badArgumentsAreOneClearLine() throws Exception {
        Path runDir = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Path in = tmp.resolve("x.nii.gz");
        scan(in, 8, 8, 8, 3);

        CommandRun noRun = CommandRun.of("predict", "--run", tmp.resolve("missing").toString(), "--input", in.toString(), "--out", tmp.toString());
        assertEquals(1, noRun.exitCode());
        assertTrue(noRun.err().contains("config.yaml"), noRun.err());

        CommandRun noInput = CommandRun.of("predict", "--run", runDir.toString(), "--input", tmp.resolve("nope").toString(), "--out", tmp.toString());
        assertEquals(1, noInput.exitCode());
        assertTrue(noInput.err().contains("nope"), noInput.err());

        CommandRun gpu = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.toString(), "--out", tmp.resolve("o").toString(),
                "--device", "gpu");
        assertEquals(2, gpu.exitCode(), gpu.err());
        assertTrue(gpu.err().contains("--device cpu"), gpu.err());

        CommandRun sameFolder = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.toString(), "--out", tmp.toString());
        assertEquals(2, sameFolder.exitCode(), sameFolder.err());
        assertTrue(sameFolder.err().contains("output folder"), sameFolder.err());
        // -i and -o, TotalSegmentator's short forms, are --input and --out
        CommandRun shortForms = CommandRun.of("predict", "--run", runDir.toString(), "-i", in.toString(), "-o", tmp.toString());
        assertEquals(2, shortForms.exitCode(), shortForms.err());
        assertTrue(shortForms.err().contains("dynaseg predict: invalid input: ") && shortForms.err().contains("output folder"),
                shortForms.err());

        CommandRun overlap = CommandRun.of("predict", "--run", runDir.toString(), "--input", in.toString(), "--out", tmp.resolve("o").toString(),
                "--overlap", "1");
        assertEquals(2, overlap.exitCode(), overlap.err());
        assertTrue(overlap.err().contains("overlap"), overlap.err());
    }
}

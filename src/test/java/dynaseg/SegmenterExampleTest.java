package dynaseg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.export.ModelExporter;
import dynaseg.infer.PredictRuns;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example, run as it is printed there (the class below is the README's text:
 * a test compares them), against a model.zip; and the API's results against {@code predict --model}.
 */
@Tag("slow")
class SegmenterExampleTest {
    @TempDir Path tmp;

    // README example start
    public class SegmentOrgans {
        public static void main(String[] args) throws Exception {
            try (Segmenter segmenter = Segmenter.load(Path.of(args[0]))) {   // a model.zip from dynaseg export
                Segmentation organs = segmenter.segment(Path.of(args[1]));    // a CT scan in HU, .nii or .nii.gz
                organs.writeNifti(Path.of(args[2]));                          // uint8 labels on the scan's grid
                for (String organ : organs.organNames()) {
                    System.out.printf("%s: %.1f ml%n", organ, organs.volumeMl(organ));
                }
            }
        }
    }
    // README example end

    private Path model() throws Exception {
        Path run = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Path zip = tmp.resolve("model.zip");
        ModelExporter.export(run, "best", zip, false);
        return zip;
    }

    private Path scan() throws Exception {
        Geometry g = Geometry.axisAligned(20, 18, 11, 2.5, 2.5, 3.0);
        Random r = new Random(3);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 200);
        Path file = tmp.resolve("ct.nii.gz");
        Nifti.writeVolume(new Volume(g, v), file, "float32");
        return file;
    }

    @Test
    void theReadmeExampleRunsAndWritesWhatPredictWrites() throws Exception {
        Path zip = model();
        Path ct = scan();
        Path organs = tmp.resolve("ct_organs.nii.gz");
        PrintStream old = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            SegmentOrgans.main(new String[] {zip.toString(), ct.toString(), organs.toString()});
        } finally {
            System.setOut(old);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        for (String organ : PredictRuns.ORGANS) assertTrue(out.contains(organ + ": "), out);

        CommandRun predict = CommandRun.of("predict", "--model", zip.toString(), "-i", ct.toString(), "-o", tmp.resolve("pred").toString());
        assertEquals(0, predict.exitCode(), predict.err());
        LabelMap cli = Nifti.readLabels(tmp.resolve("pred/ct.nii.gz"));
        LabelMap api = Nifti.readLabels(organs);
        assertArrayEquals(cli.labels(), api.labels());
        assertTrue(cli.geometry().sameGrid(api.geometry(), 1e-9));
    }

    @Test
    void voxelsInMemoryGiveWhatTheFileGives() throws Exception {
        Path zip = model();
        Path ct = scan();
        Volume v = Nifti.readVolume(ct);
        try (Segmenter segmenter = Segmenter.load(zip)) {
            Segmentation fromFile = segmenter.segment(ct);
            Segmentation fromMemory = segmenter.segment(v.voxels(), v.geometry().dims(), v.geometry().affine());
            assertArrayEquals(fromFile.labels(), fromMemory.labels());
            assertEquals(segmenter.labelNames().subList(1, 4), PredictRuns.ORGANS);
            long total = 0;
            for (String organ : fromFile.organNames()) total += fromFile.voxelCount(organ);
            long background = 0;
            for (byte b : fromFile.labels()) if (b == 0) background++;
            assertEquals(v.voxels().length, total + background);
            String organ = fromFile.organNames().get(0);
            assertEquals(fromFile.voxelCount(organ) * 2.5 * 2.5 * 3.0 / 1000, fromFile.volumeMl(organ), 1e-12);
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dynaseg/SegmenterExampleTest.java"));
        String example = source.substring(source.indexOf("// README example start\n") + 24, source.indexOf("    // README example end"));
        String dedented = example.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                .reduce("", (a, b) -> a + b + "\n");
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(dedented), "README.md must show the example as the test runs it:\n" + dedented);
    }
}

package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dynaseg.data.preprocess.Reorientation;
import dynaseg.infer.DicomInputs;
import dynaseg.infer.PredictedCase;
import dynaseg.infer.PredictRuns;
import dynaseg.infer.Predictor;
import dynaseg.testutil.CommandRun;
import dynaseg.testutil.PythonPeer;
import dynaseg.testutil.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOM input against the NIfTI it was made from: a block of the real example CT written as a
 * DICOM CT series by pydicom (src/test/resources/dicom/write_ct_series.py: LPS patient
 * coordinates, columns to the patient's left, top slice first, random file names, stored values
 * HU + 1024 with RescaleIntercept -1024), converted by our dcm2niix call, must give the NIfTI's HU
 * at the same world positions; and predicting the series must give what predicting the NIfTI
 * block gives.
 */
@Tag("slow")
class DicomSeriesTest {
    @TempDir Path tmp;

    /** The block of the example CT (122 x 101 x 30, 3 mm) written as DICOM: liver, kidney, aorta, IVC. */
    private static final int[] BLOCK = {40, 80, 28, 60, 6, 16};

    private static Path converter() {
        var found = DicomSeries.findConverter(System.getenv("PATH"));
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) fail("dcm2niix is not on the PATH (apt-get install dcm2niix)");
        Assumptions.assumeTrue(found.isPresent(), "dcm2niix is not on the PATH");
        return found.get();
    }

    private static String script() throws IOException {
        try (InputStream in = DicomSeriesTest.class.getResourceAsStream("/dicom/write_ct_series.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code BLOCK} shifted by {@code di} voxels along x as a series numbered {@code number} into {@code dir}. */
    private static void writeSeries(Path ct, Path dir, int number, int di) throws IOException {
        PythonPeer.run(script(), ct.toString(), dir.toString(), Integer.toString(number), Integer.toString(BLOCK[0] + di),
                Integer.toString(BLOCK[1] + di), Integer.toString(BLOCK[2]), Integer.toString(BLOCK[3]),
                Integer.toString(BLOCK[4]), Integer.toString(BLOCK[5]));
    }

    private static Path exampleCt() {
        PythonPeer.require("pydicom", "nibabel", "numpy");
        converter();
        return SharedData.totalsegExample().resolve("example_ct_sm.nii.gz");
    }

    /** voxel -> world with a 4x4 affine. */
    private static double[] world(double[][] a, double x, double y, double z) {
        double[] w = new double[3];
        for (int r = 0; r < 3; r++) w[r] = a[r][0] * x + a[r][1] * y + a[r][2] * z + a[r][3];
        return w;
    }

    /** world -> voxel for an axis-aligned affine (the example CT's: diagonal 3x3 block). */
    private static double[] voxel(double[][] a, double[] w) {
        double[] v = new double[3];
        for (int r = 0; r < 3; r++) v[r] = (w[r] - a[r][3]) / a[r][r];
        return v;
    }

    /**
     * Every voxel of the converted series sits (within 1e-3 mm) on a voxel of the block of the
     * original NIfTI and has its HU exactly; the block is covered once; the RAS grids agree.
     */
    @Test
    void aConvertedSeriesHasTheNiftisHuAtTheSameWorldPositions() throws Exception {
        Path ct = exampleCt();
        Path series = tmp.resolve("dicom/abdomen_ct");
        writeSeries(ct, series, 3, 0);
        long files;
        try (Stream<Path> s = Files.list(series)) {
            files = s.count();
        }
        assertEquals(BLOCK[5] - BLOCK[4], files, "one file per slice");
        assertTrue(DicomSeries.holdsSeries(series));
        assertTrue(DicomSeries.isDicomFile(DicomSeries.dicomFiles(series).get(0)));
        assertFalse(DicomSeries.isDicomFile(ct));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path converted;
        Volume dicom;
        Path temp;
        try (DicomInputs inputs = DicomInputs.prepare(series, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertEquals(1, inputs.scans().size());
            converted = inputs.scans().get(0);
            assertEquals("abdomen_ct.nii.gz", converted.getFileName().toString());
            dicom = Nifti.readVolume(converted);
            temp = converted.getParent().getParent();
        }
        assertFalse(Files.exists(converted), "the converted file is removed with its temporary folder");
        assertFalse(Files.exists(temp));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("abdomen_ct") && logged.contains("10 files") && logged.contains("40x32x10"), logged);

        Volume original = Nifti.readVolume(ct);
        double[][] ao = original.geometry().affine();
        double[][] ad = dicom.geometry().affine();
        int[] n = dicom.geometry().dims();
        assertEquals((BLOCK[1] - BLOCK[0]) * (BLOCK[3] - BLOCK[2]) * (BLOCK[5] - BLOCK[4]), dicom.geometry().voxelCount());
        boolean[] seen = new boolean[original.geometry().voxelCount()];
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    double[] v = voxel(ao, world(ad, x, y, z));
                    int[] i = new int[3];
                    for (int d = 0; d < 3; d++) {
                        i[d] = (int) Math.round(v[d]);
                        assertEquals(i[d], v[d], 1e-3 / 3.0, "voxel " + x + "," + y + "," + z + " is off the NIfTI's grid");
                        assertTrue(i[d] >= BLOCK[2 * d] && i[d] < BLOCK[2 * d + 1], "outside the block: " + i[d]);
                    }
                    int idx = original.geometry().index(i[0], i[1], i[2]);
                    assertFalse(seen[idx], "two voxels at one place");
                    seen[idx] = true;
                    assertEquals(original.voxels()[idx], dicom.get(x, y, z), "HU at " + i[0] + "," + i[1] + "," + i[2]);
                }
            }
        }
        // the same RAS grid as the NIfTI block (the world position of its corner voxels included)
        double[][] block = original.geometry().affine();
        double[] corner = world(ao, BLOCK[0], BLOCK[2], BLOCK[4]);
        for (int r = 0; r < 3; r++) block[r][3] = corner[r];
        Geometry expected = new Geometry(new int[] {BLOCK[1] - BLOCK[0], BLOCK[3] - BLOCK[2], BLOCK[5] - BLOCK[4]},
                original.geometry().spacing(), block, 1, 1);
        Geometry ras = Reorientation.toRas(dicom.geometry()).target();
        assertTrue(ras.sameGrid(expected, 1e-3), ras + " " + java.util.Arrays.deepToString(ras.affine()));
    }

    /**
     * A folder of series folders (and NIfTI files) gives one scan per folder, named after it; a
     * folder holding two series gives {@code <folder>_series<number>} for each; a name taken twice,
     * a DICOM file instead of its folder, a missing converter and a folder without scans are one
     * clear error each, naming the file or folder.
     */
    @Test
    void foldersOfSeriesAndTheirErrors() throws Exception {
        Path ct = exampleCt();
        Path parent = tmp.resolve("study");
        writeSeries(ct, parent.resolve("b_venous"), 5, 0);
        writeSeries(ct, parent.resolve("a_arterial"), 4, 2);
        Nifti.writeVolume(Nifti.readVolume(ct), parent.resolve("c_scan.nii.gz"), "int16");
        Files.createDirectories(parent.resolve("notes"));
        Files.writeString(parent.resolve("notes/readme.txt"), "not a series");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (DicomInputs inputs = DicomInputs.prepare(parent, quiet)) {
            assertEquals(List.of("a_arterial.nii.gz", "b_venous.nii.gz", "c_scan.nii.gz"),
                    inputs.scans().stream().map(p -> p.getFileName().toString()).toList());
            assertEquals(parent.resolve("c_scan.nii.gz"), inputs.scans().get(2), "NIfTI files are used where they are");
        }

        Path two = tmp.resolve("exam");
        writeSeries(ct, two, 3, 0);
        writeSeries(ct, two, 7, 1);
        try (DicomInputs inputs = DicomInputs.prepare(two, quiet)) {
            assertEquals(List.of("exam_series3.nii.gz", "exam_series7.nii.gz"),
                    inputs.scans().stream().map(p -> p.getFileName().toString()).toList());
        }

        Files.copy(parent.resolve("c_scan.nii.gz"), parent.resolve("b_venous.nii.gz"));
        IOException twice = assertThrows(IOException.class, () -> DicomInputs.prepare(parent, quiet));
        assertTrue(twice.getMessage().contains("b_venous.nii.gz") && twice.getMessage().contains("rename one"), twice.getMessage());

        Path slice = DicomSeries.dicomFiles(two).get(0);
        IOException file = assertThrows(IOException.class, () -> DicomInputs.prepare(slice, quiet));
        assertTrue(file.getMessage().startsWith(slice.toString()) && file.getMessage().contains("folder"), file.getMessage());

        IOException missing = assertThrows(IOException.class, () -> DicomSeries.converter(tmp.resolve("nowhere").toString(), two));
        assertTrue(missing.getMessage().startsWith(two.toString()), missing.getMessage());
        assertTrue(missing.getMessage().contains("apt install dcm2niix")
                && missing.getMessage().contains("https://github.com/rordenlab/dcm2niix"), missing.getMessage());
        assertEquals(1, missing.getMessage().lines().count());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException none = assertThrows(IOException.class, () -> DicomInputs.prepare(empty, quiet));
        assertTrue(none.getMessage().contains("DICOM"), none.getMessage());

        // a file that only looks like DICOM: dcm2niix makes nothing of it, and says so for the folder
        Path fake = Files.createDirectories(tmp.resolve("fake"));
        byte[] bytes = new byte[200];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, bytes, 128, 4);
        Files.write(fake.resolve("x.dcm"), bytes);
        IOException broken = assertThrows(IOException.class, () -> DicomInputs.prepare(fake, quiet));
        assertTrue(broken.getMessage().startsWith(fake.toString() + ": dcm2niix"), broken.getMessage());
    }

    /**
     * Predicting the series gives what predicting the NIfTI block (written with the block's affine)
     * gives: the class probabilities agree voxel for voxel in world coordinates (to 1e-5), so the
     * labels do too. The network is a random tiny one (PredictRuns): its output is a deterministic
     * function of the voxels and their grid, which is what is tested here, not a model's quality.
     * Through {@code predict}: the label map is named after the series folder, on the series' own
     * grid, with its preview, and nothing else is left in the output folder.
     */
    @Test
    void predictingTheSeriesGivesWhatPredictingTheNiftiGives() throws Exception {
        Path ct = exampleCt();
        Path dicomDir = tmp.resolve("dicom");
        writeSeries(ct, dicomDir.resolve("abdomen_ct"), 3, 0);
        Volume block = crop(Nifti.readVolume(ct));
        Path niftiDir = Files.createDirectories(tmp.resolve("nifti"));
        Nifti.writeVolume(block, niftiDir.resolve("abdomen_ct.nii.gz"), "int16");
        Path runDir = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Predictor predictor = Predictor.builder(runDir).optOverlap(0.25).build();
                DicomInputs inputs = DicomInputs.prepare(dicomDir, quiet)) {
            Volume series = Nifti.readVolume(inputs.scans().get(0));
            assertFalse(series.geometry().sameGrid(block.geometry(), 1e-3), "the series' own voxel order, not the block's");
            PredictedCase a = predictor.predict(series, true, null);
            PredictedCase b = predictor.predict(block, true, null);
            double largest = 0;
            double spread = 0;
            for (int c = 0; c < predictor.classCount(); c++) {
                float[] pa = Reorientation.toRas(new Volume(a.labels().geometry(), a.probabilities()[c])).voxels();
                float[] pb = Reorientation.toRas(new Volume(b.labels().geometry(), b.probabilities()[c])).voxels();
                float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
                for (int i = 0; i < pa.length; i++) {
                    largest = Math.max(largest, Math.abs(pa[i] - pb[i]));
                    min = Math.min(min, pb[i]);
                    max = Math.max(max, pb[i]);
                }
                spread = Math.max(spread, max - min);
            }
            assertTrue(spread > 1e-3, "probabilities that vary over the scan: " + spread);
            assertTrue(largest < 1e-5, "largest probability difference " + largest);
            assertTrue(Reorientation.toRas(a.labels()).geometry().sameGrid(Reorientation.toRas(b.labels()).geometry(), 1e-3));
            assertArrayEquals(Reorientation.toRas(b.labels()).labels(), Reorientation.toRas(a.labels()).labels());
        }

        Path out = tmp.resolve("out");
        CommandRun run = CommandRun.of("predict", "--run", runDir.toString(), "--input", dicomDir.toString(),
                "--out", out.toString(), "--preview", "--split-masks", "--statistics", "--overlap", "0", "--progress", "lines");
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.out().contains("abdomen_ct.nii.gz") && run.out().contains("1 written"), run.out());
        LabelMap labels = Nifti.readLabels(out.resolve("abdomen_ct.nii.gz"));
        assertTrue(Reorientation.toRas(labels.geometry()).target().sameGrid(Reorientation.toRas(block.geometry()).target(), 1e-3));
        assertTrue(ImageIO.read(out.resolve("abdomen_ct_preview.png").toFile()).getWidth() > 100);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(java.util.Set.of("abdomen_ct.nii.gz", "abdomen_ct_preview.png", "abdomen_ct", "labels.json", "labels.ctbl"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "the label map, its preview, its masks and statistics, and the label table, nothing else");
        }

        // the same command on the NIfTI: the same labels (in world space) and the same statistics
        Path outNifti = tmp.resolve("out-nifti");
        CommandRun nifti = CommandRun.of("predict", "--run", runDir.toString(), "--input", niftiDir.toString(),
                "--out", outNifti.toString(), "--preview", "--split-masks", "--statistics", "--overlap", "0", "--progress", "lines");
        assertEquals(0, nifti.exitCode(), nifti.both());
        LabelMap fromNifti = Nifti.readLabels(outNifti.resolve("abdomen_ct.nii.gz"));
        assertArrayEquals(Reorientation.toRas(fromNifti).labels(), Reorientation.toRas(labels).labels());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var statsDicom = json.readTree(out.resolve("abdomen_ct/statistics.json").toFile());
        var statsNifti = json.readTree(outNifti.resolve("abdomen_ct/statistics.json").toFile());
        assertEquals(statsNifti.size(), statsDicom.size());
        int present = 0;
        for (var organ : (Iterable<String>) statsNifti::fieldNames) {
            for (var key : (Iterable<String>) statsNifti.get(organ)::fieldNames) {
                var a = statsNifti.get(organ).get(key);
                var b = statsDicom.get(organ).get(key);
                if (a.isNull()) {
                    assertTrue(b.isNull(), organ + " " + key);
                    continue;
                }
                assertEquals(a.asDouble(), b.asDouble(), 1e-6 * Math.max(1, Math.abs(a.asDouble())), organ + " " + key);
            }
            if (statsNifti.get(organ).get("voxels").asLong() > 0) present++;
            assertArrayEquals(Reorientation.toRas(Nifti.readLabels(outNifti.resolve("abdomen_ct/" + organ + ".nii.gz"))).labels(),
                    Reorientation.toRas(Nifti.readLabels(out.resolve("abdomen_ct/" + organ + ".nii.gz"))).labels(), organ);
        }
        assertTrue(present > 0, "some organ predicted, so the statistics compare numbers: " + statsNifti);
    }

    private static Volume crop(Volume v) {
        Geometry g = v.geometry();
        int nx = BLOCK[1] - BLOCK[0], ny = BLOCK[3] - BLOCK[2], nz = BLOCK[5] - BLOCK[4];
        double[][] a = g.affine();
        double[] corner = world(a, BLOCK[0], BLOCK[2], BLOCK[4]);
        for (int r = 0; r < 3; r++) a[r][3] = corner[r];
        Geometry c = new Geometry(new int[] {nx, ny, nz}, g.spacing(), a, g.qformCode(), g.sformCode());
        float[] out = new float[c.voxelCount()];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) out[c.index(x, y, z)] = v.get(x + BLOCK[0], y + BLOCK[2], z + BLOCK[4]);
            }
        }
        return new Volume(c, out);
    }
}

package dynaseg.data;

import dynaseg.data.preprocess.PreprocessorTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.formats.MsdDataset;
import dynaseg.data.preprocess.PreprocessSettings;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.cache.PreprocessedCache;

/** The file-based path: an MSD folder of NIfTI files through dataset, preprocessing and cache. */
class NiftiDatasetTest {
    @TempDir Path dir;

    /** Writes an MSD dataset of LPS phantoms; case {@code shiftedCase} gets a label map on a shifted grid, {@code shortCase} one with a slice less. */
    private MsdDataset write(int n, int shiftedCase, int shortCase) throws IOException {
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.createDirectories(dir.resolve("labelsTr"));
        StringBuilder training = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = String.format("case_%04d.nii.gz", i);
            Geometry g = PreprocessorTest.lps();
            Nifti.writeVolume(PreprocessorTest.phantom(g), dir.resolve("imagesTr").resolve(name), "int16");
            Geometry lg = g;
            if (i == shiftedCase) {
                double[][] a = g.affine();
                a[1][3] += 2;
                lg = new Geometry(g.dims(), g.spacing(), a, 1, 1);
            } else if (i == shortCase) {
                lg = new Geometry(new int[] {g.nx(), g.ny(), g.nz() - 1}, g.spacing(), g.affine(), 1, 1);
            }
            Nifti.writeLabels(PreprocessorTest.organ(lg, 1 + i % 2), dir.resolve("labelsTr").resolve(name));
            if (i > 0) training.append(",");
            training.append("{\"image\": \"./imagesTr/").append(name).append("\", \"label\": \"./labelsTr/").append(name).append("\"}");
        }
        Files.writeString(dir.resolve("dataset.json"),
                "{\"labels\": {\"0\": \"background\", \"1\": \"spleen\", \"2\": \"liver\"}, \"training\": [" + training + "]}");
        return MsdDataset.open(dir);
    }

    @Test
    void preprocessesFromFilesAndServesSecondLoadFromCache() throws IOException {
        MsdDataset d = write(3, -1, -1);
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), Preprocessor.forDataset(d, PreprocessSettings.defaults()));
        List<PreprocessedCase> first = cache.loadAll(d.cases(), 2, Progress.NONE);
        assertEquals(3, first.size());
        for (CaseRef ref : d.cases()) assertTrue(cache.isCached(ref));
        PreprocessedCase direct = Preprocessor.forDataset(d, PreprocessSettings.defaults()).process(d.cases().get(1));
        assertArrayEquals(direct.image().voxels(), first.get(1).image().voxels());
        assertEquals("RAS", direct.image().geometry().orientation());
        assertTrue(direct.classCounts(3)[2] > 0, "case 1 holds liver");
        // a second cache over the same folder reads the files back without preprocessing
        PreprocessedCache again = PreprocessedCache.at(dir.resolve("cache"), new Preprocessor(PreprocessSettings.defaults(), 3, new CaseReader() {
            @Override public Volume readImage(CaseRef ref) { throw new AssertionError("not cached: " + ref.id()); }
            @Override public LabelMap readLabels(CaseRef ref) { throw new AssertionError("not cached: " + ref.id()); }
        }));
        List<PreprocessedCase> second = again.loadAll(d.cases(), 1, Progress.NONE);
        for (int i = 0; i < 3; i++) assertArrayEquals(first.get(i).labels().labels(), second.get(i).labels().labels());
    }

    @Test
    void realCtKeepsOrganVolumesThroughPreprocessing() throws IOException {
        Path ex = dynaseg.testutil.SharedData.totalsegExample();
        CaseRef ref = new CaseRef("example", ex.resolve("example_ct_sm.nii.gz"), ex.resolve("example_seg.nii.gz"));
        LabelMap source = Nifti.readLabels(ref.label());
        PreprocessedCase c = new Preprocessor(PreprocessSettings.defaults(), 256).process(ref);
        assertArrayEquals(new double[] {1.5, 1.5, 2.0}, c.image().geometry().spacing());
        long[] before = source.counts(), after = c.labels().counts();
        double vBefore = 3.0 * 3.0 * 3.0, vAfter = 1.5 * 1.5 * 2.0;
        int checked = 0;
        for (int k = 1; k < 256; k++) {
            if (before[k] < 200) continue; // small structures lose or gain a lot at their boundary
            assertEquals(before[k] * vBefore, after[k] * vAfter, 0.15 * before[k] * vBefore, "volume of label " + k);
            checked++;
        }
        assertTrue(checked >= 3, "the example holds several large structures");
        for (float v : c.image().voxels()) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void gridMismatchNamesLabelFile() throws IOException {
        MsdDataset d = write(2, 1, -1);
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), Preprocessor.forDataset(d, PreprocessSettings.defaults()));
        IOException e = assertThrows(IOException.class, () -> cache.loadAll(d.cases(), 2, Progress.NONE));
        assertTrue(e.getMessage().contains(d.cases().get(1).label().toString()), e.getMessage());
    }

    @Test
    void shapeMismatchNamesLabelFile() throws IOException {
        MsdDataset d = write(2, -1, 0);
        Preprocessor p = Preprocessor.forDataset(d, PreprocessSettings.defaults());
        IOException e = assertThrows(IOException.class, () -> p.process(d.cases().get(0)));
        assertTrue(e.getMessage().contains(d.cases().get(0).label().toString()) && e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void missingLabelFileAfterOpeningIsNamed() throws IOException {
        MsdDataset d = write(2, -1, -1);
        Files.delete(d.cases().get(1).label());
        Preprocessor p = Preprocessor.forDataset(d, PreprocessSettings.defaults());
        IOException e = assertThrows(IOException.class, () -> p.process(d.cases().get(1)));
        assertTrue(e.getMessage().contains(d.cases().get(1).label().toString()), e.getMessage());
        assertThrows(IOException.class, () -> MsdDataset.open(dir), "opening checks files too");
    }
}

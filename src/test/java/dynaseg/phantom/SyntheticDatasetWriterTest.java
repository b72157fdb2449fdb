package dynaseg.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.formats.MsdDataset;
import dynaseg.data.Organ;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetWriterTest {
    private static final double[] SPACING = {1.5, 1.5, 2.0};

    @Test
    void writesTheMsdLayoutWithTheGeneratedVoxels(@TempDir Path dir) throws Exception {
        PhantomGenerator gen = new PhantomGenerator(24, SPACING, 8);
        AtomicInteger calls = new AtomicInteger();
        OrganShares shares = new SyntheticDatasetWriter(gen, 2).write(dir, 3, "test set", n -> calls.incrementAndGet());
        assertEquals(3, calls.get());
        assertEquals(3, shares.cases());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("dataset.json").toFile());
        assertEquals("3D", json.get("tensorImageSize").asText());
        assertEquals("CT", json.get("modality").get("0").asText());
        assertEquals("background", json.get("labels").get("0").asText());
        assertEquals(14, json.get("labels").size());
        for (Organ o : Organ.values()) assertEquals(o.structureName(), json.get("labels").get(Integer.toString(o.label())).asText());
        assertEquals(3, json.get("numTraining").asInt());
        assertEquals(0, json.get("numTest").asInt());
        assertEquals(0, json.get("test").size());
        assertEquals("./imagesTr/case_0002.nii.gz", json.get("training").get(2).get("image").asText());
        assertEquals("./labelsTr/case_0002.nii.gz", json.get("training").get(2).get("label").asText());

        for (int i = 0; i < 3; i++) {
            PhantomCase c = gen.generate(i);
            Volume img = Nifti.readVolume(dir.resolve("imagesTr/case_000" + i + ".nii.gz"));
            LabelMap lab = Nifti.readLabels(dir.resolve("labelsTr/case_000" + i + ".nii.gz"));
            assertArrayEquals(c.image().voxels(), img.voxels());
            assertArrayEquals(c.labels().labels(), lab.labels());
            assertTrue(img.geometry().sameGrid(c.image().geometry(), 1e-6));
        }
        assertEquals(3, MsdDataset.open(dir).cases().size());
        assertEquals(14, MsdDataset.open(dir).classNames().size());
    }

    @Test
    void outputDoesNotDependOnTheNumberOfThreads(@TempDir Path dir) throws Exception {
        PhantomGenerator gen = new PhantomGenerator(16, SPACING, 3);
        new SyntheticDatasetWriter(gen, 1).write(dir.resolve("one"), 3, "t", n -> { });
        new SyntheticDatasetWriter(gen, 3).write(dir.resolve("three"), 3, "t", n -> { });
        for (int i = 0; i < 3; i++) {
            String name = SyntheticDatasetWriter.caseName(i) + ".nii.gz";
            assertArrayEquals(Nifti.readVolume(dir.resolve("one/imagesTr/" + name)).voxels(),
                    Nifti.readVolume(dir.resolve("three/imagesTr/" + name)).voxels());
            assertArrayEquals(Nifti.readLabels(dir.resolve("one/labelsTr/" + name)).labels(),
                    Nifti.readLabels(dir.resolve("three/labelsTr/" + name)).labels());
        }
    }

    @Test
    void nibabelReadsInt16HuAndUint8LabelsInRas(@TempDir Path dir) throws Exception {
        PythonPeer.require("nibabel", "numpy");
        PhantomGenerator gen = new PhantomGenerator(24, SPACING, 2);
        new SyntheticDatasetWriter(gen, 2).write(dir, 1, "t", n -> { });
        String out = PythonPeer.run(String.join("\n",
                "import sys, nibabel as nib, numpy as np",
                "im = nib.load(sys.argv[1] + '/imagesTr/case_0000.nii.gz')",
                "lb = nib.load(sys.argv[1] + '/labelsTr/case_0000.nii.gz')",
                "a = np.asanyarray(im.dataobj); l = np.asanyarray(lb.dataobj)",
                "print(im.get_data_dtype(), lb.get_data_dtype(), ''.join(nib.aff2axcodes(im.affine)),",
                "      ','.join('%g' % z for z in im.header.get_zooms()), int(l.max()), int(a.min()), int(a.max()),",
                "      int(a.astype(np.int64).sum()), int((l == 6).sum()))"), dir.toString()).trim();
        PhantomCase c = gen.generate(0);
        long sum = 0;
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (float v : c.image().voxels()) {
            sum += (long) v;
            min = Math.min(min, (int) v);
            max = Math.max(max, (int) v);
        }
        long liver = c.labels().counts()[Organ.LIVER.label()];
        assertEquals("int16 uint8 RAS 1.5,1.5,2 13 " + min + " " + max + " " + sum + " " + liver, out);
    }

    @Test
    void refusesAFileAsOutputFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x"), "");
        PhantomGenerator gen = new PhantomGenerator(16, SPACING, 3);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new SyntheticDatasetWriter(gen, 1).write(file, 1, "t", n -> { }));
        assertTrue(e.getMessage().contains(file.toString()));
    }
}

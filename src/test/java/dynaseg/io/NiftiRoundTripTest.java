package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dynaseg reads back what it writes, in every data type, and reads gzip files it did not write. */
class NiftiRoundTripTest {
    @TempDir Path dir;

    @Test
    void everyDataTypeRoundTrips() throws IOException {
        Geometry g = NiftiWriteNibabelTest.oblique(9, 7, 5, 2, 1);
        Random rnd = new Random(11);
        for (NiftiDataType t : NiftiDataType.values()) {
            float[] v = new float[g.voxelCount()];
            for (int i = 0; i < v.length; i++) {
                double x = rnd.nextGaussian() * 60 + (t.minValue() == 0 ? 100 : 0);
                v[i] = t.isInteger() ? (float) Math.rint(Math.max(t.minValue(), Math.min(t.maxValue(), x))) + 0f : (float) x; // + 0f: no -0.0
            }
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                Path p = dir.resolve(t + ext);
                Nifti.writeVolume(new Volume(g, v), p, t.numpyName());
                Volume back = Nifti.readVolume(p);
                assertArrayEquals(v, back.voxels(), t + ext);
                assertTrue(back.geometry().sameGrid(g, 1e-5), t + ext + " grid");
                assertEquals(t, Nifti.readHeader(p).datatype());
                byte[] start = Arrays.copyOf(Files.readAllBytes(p), 2);
                assertEquals(ext.endsWith(".gz"), start[0] == 0x1f && (start[1] & 0xFF) == 0x8b, p + " compressed by name");
            }
        }
    }

    @Test
    void readGeometryIsKeptExactly() throws IOException {
        Geometry g = NiftiWriteNibabelTest.oblique(9, 7, 5, 1, 0);
        Path first = dir.resolve("first.nii.gz");
        Nifti.writeLabels(new LabelMap(g, new byte[g.voxelCount()]), first);
        Geometry read = Nifti.readLabels(first).geometry();
        Path second = dir.resolve("second.nii.gz");
        Nifti.writeLabels(new LabelMap(read, new byte[g.voxelCount()]), second);
        Geometry again = Nifti.readLabels(second).geometry();
        for (int r = 0; r < 4; r++) assertArrayEquals(read.affine()[r], again.affine()[r], 0, "qform-only affine row " + r);
        assertArrayEquals(read.spacing(), again.spacing(), 0);
        assertEquals(1, again.qformCode());
        assertEquals(0, again.sformCode());
    }

    @Test
    void largeVolumesUseManyChunksAndBlocks() throws IOException {
        // 6.3 MB of int16: more than one 4 MiB read chunk and several 1 MiB compression blocks
        Geometry g = Geometry.axisAligned(160, 160, 123, 0.8, 0.8, 2);
        float[] v = new float[g.voxelCount()];
        Random rnd = new Random(5);
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.rint(rnd.nextGaussian() * 300) + 0f;
        Path p = dir.resolve("large.nii.gz");
        Nifti.writeVolume(new Volume(g, v), p, "int16");
        assertArrayEquals(v, Nifti.readVolume(p).voxels());
    }

    @Test
    void concatenatedGzipMembersRead() throws IOException {
        Path src = dir.resolve("src.nii");
        float[] v = new float[4 * 3 * 2];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.5f;
        Nifti.writeVolume(new Volume(Geometry.axisAligned(4, 3, 2, 1, 1, 1), v), src, "float32");
        byte[] raw = Files.readAllBytes(src);
        Path p = dir.resolve("members.nii.gz");
        try (OutputStream out = Files.newOutputStream(p)) {
            for (int[] part : new int[][] {{0, 300}, {300, raw.length}}) {
                GZIPOutputStream member = new GZIPOutputStream(out) {
                    @Override public void close() throws IOException { finish(); }
                };
                member.write(raw, part[0], part[1] - part[0]);
                member.close();
            }
        }
        assertArrayEquals(v, Nifti.readVolume(p).voxels());
    }

    @Test
    void orientationCodes() {
        assertEquals("RAS", Geometry.axisAligned(2, 2, 2, 1, 1, 1).orientation());
        double[][] lps = {{-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        assertEquals("LPS", new Geometry(new int[] {2, 2, 2}, new double[] {1, 1, 1}, lps, 1, 1).orientation());
        double[][] pil = {{0, 0, -2, 0}, {-1, 0, 0, 0}, {0, -3, 0, 0}, {0, 0, 0, 1}};
        assertEquals("PIL", new Geometry(new int[] {2, 2, 2}, new double[] {1, 3, 2}, pil, 1, 1).orientation());
    }
}

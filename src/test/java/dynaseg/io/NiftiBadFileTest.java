package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad file fails with an IOException naming the file and the problem, never a partial read. */
class NiftiBadFileTest {
    @TempDir Path dir;

    /** A valid little-endian NIfTI-1 int16 4x3x2 image's bytes (352-byte header, then 48 bytes of data). */
    private byte[] validBytes() throws IOException {
        Path p = dir.resolve("valid.nii");
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) v[i] = i - 5;
        Nifti.writeVolume(new Volume(Geometry.axisAligned(4, 3, 2, 1, 1, 1), v), p, "int16");
        return Files.readAllBytes(p);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path gz(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(bytes);
        }
        return p;
    }

    private static ByteBuffer le(byte[] b) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN); }

    private static void assertFails(Path p, String problem, Reader reader) {
        IOException e = assertThrows(IOException.class, () -> reader.read(p));
        String msg = e.getMessage();
        assertTrue(msg.contains(p.getFileName().toString()), "message names the file: " + msg);
        assertTrue(msg.contains(problem), "message says '" + problem + "': " + msg);
    }

    private interface Reader { Object read(Path p) throws IOException; }

    @Test
    void notNifti() throws IOException {
        byte[] text = "this is a text file, not an image\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
        assertFails(file("notes.nii", text), "not a NIfTI file", Nifti::readVolume);
        assertFails(gz("notes.nii.gz", text), "not a NIfTI file", Nifti::readVolume);
        assertFails(file("empty.nii", new byte[0]), "not a NIfTI file", Nifti::readHeader);
        byte[] analyze = validBytes();
        Arrays.fill(analyze, 344, 348, (byte) 0);
        assertFails(file("analyze.nii", analyze), "no NIfTI-1 magic", Nifti::readVolume);
        byte[] pair = validBytes();
        pair[345] = 'i';
        assertFails(file("pair.hdr", pair), "NIfTI pair", Nifti::readVolume);
        assertFails(dir, "directory", Nifti::readVolume);
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> Nifti.readVolume(dir.resolve("gone.nii.gz")));
        assertTrue(missing.getMessage().contains("gone.nii.gz"));
    }

    @Test
    void truncated() throws IOException {
        byte[] ok = validBytes();
        assertFails(file("short_header.nii", Arrays.copyOf(ok, 200)), "truncated NIfTI-1 header", Nifti::readHeader);
        assertFails(file("short_data.nii", Arrays.copyOf(ok, ok.length - 10)), "the file holds only 38", Nifti::readVolume);
        assertFails(gz("short_data.nii.gz", Arrays.copyOf(ok, ok.length - 1)), "truncated", Nifti::readLabels);
        Path full = gz("full.nii.gz", ok);
        byte[] packed = Files.readAllBytes(full);
        assertFails(file("cut.nii.gz", Arrays.copyOf(packed, packed.length / 2)), "truncated gzip", Nifti::readVolume);
        byte[] corrupt = packed.clone();
        for (int i = 20; i < 40; i++) corrupt[i] ^= 0x5a;
        assertFails(file("corrupt.nii.gz", corrupt), "corrupt", Nifti::readVolume);
        // voxels inflate fine but the gzip trailer's CRC does not match them: a damaged file, not data
        byte[] badCrc = packed.clone();
        badCrc[badCrc.length - 8] ^= 0x01;
        assertFails(file("bad_crc.nii.gz", badCrc), "corrupt", Nifti::readVolume);
    }

    @Test
    void dimsThatDoNotMatchTheData() throws IOException {
        byte[] b = validBytes();
        le(b).putShort(42, (short) 40);
        assertFails(file("dims.nii", b), "dims do not match the data", Nifti::readVolume);
        byte[] neg = validBytes();
        le(neg).putShort(44, (short) -2);
        assertFails(file("negative.nii", neg), "dim[2] = -2", Nifti::readHeader);
        byte[] rank = validBytes();
        le(rank).putShort(40, (short) 9);
        assertFails(file("rank.nii", rank), "dim[0] = 9", Nifti::readHeader);
    }

    @Test
    void unsupportedDataType() throws IOException {
        byte[] b = validBytes();
        le(b).putShort(70, (short) 32);
        assertFails(file("complex.nii", b), "unsupported data type complex64", Nifti::readVolume);
        le(b).putShort(70, (short) 128);
        assertFails(gz("rgb.nii.gz", b), "unsupported data type RGB24", Nifti::readHeader);
    }

    @Test
    void fourDimensionalWhere3dIsNeeded() throws IOException {
        byte[] ok = validBytes();
        byte[] b = Arrays.copyOf(ok, ok.length + 48);
        le(b).putShort(40, (short) 4).putShort(48, (short) 2);
        Path p = gz("timeseries.nii.gz", b);
        assertFails(p, "4D image", Nifti::readVolume);
        assertFails(p, "4D image", Nifti::readLabels);
        assertArrayEquals(new long[] {4, 3, 2, 2}, Nifti.readHeader(p).shape(), "the header alone still reads");
        le(b).putShort(48, (short) 1);
        Volume single = Nifti.readVolume(gz("single.nii.gz", b));
        assertArrayEquals(new int[] {4, 3, 2}, single.geometry().dims(), "dim[4] = 1 is 3D");
        assertTrue(single.voxels()[23] == 18f);
    }

    @Test
    void labelsMustBeIntegersFrom0To255() throws IOException {
        Geometry g = Geometry.axisAligned(4, 3, 2, 1, 1, 1);
        float[] v = new float[24];
        v[7] = 1.5f;
        Path frac = dir.resolve("fractional.nii.gz");
        Nifti.writeVolume(new Volume(g, v), frac, "float32");
        assertFails(frac, "value 1.5 at voxel (3, 1, 0) is not an integer in 0..255", Nifti::readLabels);
        v[7] = 300;
        Path big = dir.resolve("big.nii");
        Nifti.writeVolume(new Volume(g, v), big, "int16");
        assertFails(big, "value 300.0", Nifti::readLabels);
        v[7] = -1;
        Path neg = dir.resolve("negative_label.nii.gz");
        Nifti.writeVolume(new Volume(g, v), neg, "int8");
        assertFails(neg, "not an integer in 0..255", Nifti::readLabels);
        v[7] = Float.NaN;
        Path nan = dir.resolve("nan.nii");
        Nifti.writeVolume(new Volume(g, v), nan, "float32");
        assertFails(nan, "value NaN", Nifti::readLabels);
    }

    @Test
    void writerRejectsWhatItCannotStore() {
        Geometry g = Geometry.axisAligned(2, 2, 2, 1, 1, 1);
        float[] v = new float[8];
        v[3] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Nifti.writeVolume(new Volume(g, v), dir.resolve("x.nii.gz"), "int16"));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Nifti.writeVolume(new Volume(g, new float[8]), dir.resolve("y.nii.gz"), "complex64"));
        assertTrue(type.getMessage().contains("complex64"), type.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.nii.gz")) && !Files.exists(dir.resolve("y.nii.gz")), "no partial files");
    }
}

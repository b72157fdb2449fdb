package dynaseg.data.cache;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.TempFiles;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dynaseg.data.preprocess.PreprocessedCase;

/**
 * The cache's file format for one {@link PreprocessedCase}, raw and little-endian so that reading
 * is a bulk copy: magic "DYNSEGPC", int version, int id length + UTF-8 id, int[3] dims,
 * double[3] spacing, double[12] affine rows 0..2, int qform code, int sform code, then
 * float32[voxels] image and uint8[voxels] labels (x fastest). Writes go to a temporary file that
 * is renamed into place ({@link TempFiles}: with ordinary, not owner-only, permissions), so a
 * reader never sees a half-written file.
 */
public final class PreprocessedCaseFile {
    private static final byte[] MAGIC = "DYNSEGPC".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 22;

    private PreprocessedCaseFile() {}

    public static void write(PreprocessedCase c, Path file) throws IOException {
        Path tmp = TempFiles.siblingOf(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, header(c));
                float[] img = c.image().voxels();
                ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                for (int start = 0; start < img.length; start += CHUNK / 4) {
                    int n = Math.min(CHUNK / 4, img.length - start);
                    buf.clear();
                    buf.asFloatBuffer().put(img, start, n);
                    buf.limit(n * 4);
                    writeFully(ch, buf);
                }
                writeFully(ch, ByteBuffer.wrap(c.labels().labels()));
            }
            TempFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a case; an IOException naming the file if it is not a complete file of this format. */
    public static PreprocessedCase read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            head.flip();
            byte[] magic = new byte[MAGIC.length];
            if (head.remaining() < 16) throw new IOException("truncated");
            head.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException("not a dynaseg preprocessed case");
            int version = head.getInt();
            if (version != VERSION) throw new IOException("format version " + version + ", expected " + VERSION);
            int idLen = head.getInt();
            if (idLen < 0 || idLen > 2048) throw new IOException("corrupt header");
            byte[] id = new byte[idLen];
            head.get(id);
            int[] dims = {head.getInt(), head.getInt(), head.getInt()};
            double[] spacing = {head.getDouble(), head.getDouble(), head.getDouble()};
            double[][] affine = new double[4][4];
            for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) affine[r][c] = head.getDouble();
            affine[3][3] = 1;
            Geometry g = new Geometry(dims, spacing, affine, head.getInt(), head.getInt());
            long offset = head.position();
            int n = g.voxelCount();
            if (ch.size() != offset + 5L * n) throw new IOException("size " + ch.size() + ", expected " + (offset + 5L * n));
            float[] img = new float[n];
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < n; start += CHUNK / 4) {
                int k = Math.min(CHUNK / 4, n - start);
                buf.clear();
                buf.limit(k * 4);
                offset += readFully(ch, buf, offset);
                buf.flip();
                buf.asFloatBuffer().get(img, start, k);
            }
            byte[] labels = new byte[n];
            readFully(ch, ByteBuffer.wrap(labels), offset);
            return new PreprocessedCase(new String(id, StandardCharsets.UTF_8), new Volume(g, img), new LabelMap(g, labels));
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read cached case " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer header(PreprocessedCase c) {
        byte[] id = c.id().getBytes(StandardCharsets.UTF_8);
        Geometry g = c.image().geometry();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + id.length + 12 + 24 + 96 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(id.length).put(id);
        for (int d : g.dims()) b.putInt(d);
        for (double s : g.spacing()) b.putDouble(s);
        double[][] a = g.affine();
        for (int r = 0; r < 3; r++) for (int col = 0; col < 4; col++) b.putDouble(a[r][col]);
        b.putInt(g.qformCode()).putInt(g.sformCode());
        b.flip();
        return b;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int r = ch.read(b, position + total);
            if (r < 0) throw new IOException("unexpected end of file");
            total += r;
        }
        return total;
    }
}

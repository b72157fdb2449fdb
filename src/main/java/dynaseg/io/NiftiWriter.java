package dynaseg.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes single-file NIfTI-1 images: gzip-compressed unless the name ends in {@code .nii}.
 *
 * <p>Compression is pigz-style: the voxel bytes are cut into 1 MiB blocks that {@link IoThreads}
 * encode and deflate independently, each ending in a sync flush (byte-aligned, not final) and
 * the last one finished, so their concatenation is one ordinary deflate stream in one gzip
 * member. The calling thread writes blocks in order and keeps the CRC. Level 1 (zlib's fastest),
 * the level nibabel 5 writes .nii.gz with ({@code Opener.default_compresslevel = 1}), so sizes
 * and speeds compare like for like.
 */
final class NiftiWriter {
    static final int GZIP_LEVEL = 1;
    private static final int BLOCK_BYTES = 1 << 20;

    /** Fills {@code dst[dstOff ..]} with the little-endian raw bytes of voxels {@code [first, first + n)}. */
    interface VoxelSource {
        void encode(int first, int n, byte[] dst, int dstOff);
    }

    private NiftiWriter() {}

    static void write(Path file, byte[] header, VoxelSource voxels, int voxelCount, int elementBytes) throws IOException {
        boolean gzip = !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nii");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        boolean ok = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeStream(out, gzip, header, voxels, voxelCount, elementBytes);
            ok = true;
        } finally {
            if (!ok) Files.deleteIfExists(file);
        }
    }

    /** One encoded (and, for gzip, deflated) block. */
    private record Block(byte[] raw, int rawLength, byte[] packed, int packedLength) {}

    private static void writeStream(OutputStream out, boolean gzip, byte[] header, VoxelSource voxels, int voxelCount,
            int elementBytes) throws IOException {
        int perBlock = Math.max(1, BLOCK_BYTES / elementBytes);
        int blocks = Math.max(1, (int) ((voxelCount + (long) perBlock - 1) / perBlock));
        CRC32 crc = new CRC32();
        long size = 0;
        if (gzip) out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 255}); // no name, no mtime, fast, OS unknown
        ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
        int window = 3 * IoThreads.parallelism();
        int next = 0;
        try {
            for (int written = 0; written < blocks; written++) {
                while (next < blocks && next < written + window) {
                    int b = next++;
                    pending.addLast(IoThreads.pool().submit(
                            () -> makeBlock(b, b == blocks - 1, gzip, header, voxels, voxelCount, perBlock, elementBytes)));
                }
                Block block = IoThreads.await(pending.pollFirst());
                if (gzip) {
                    crc.update(block.raw(), 0, block.rawLength());
                    out.write(block.packed(), 0, block.packedLength());
                } else {
                    out.write(block.raw(), 0, block.rawLength());
                }
                size += block.rawLength();
            }
        } finally {
            for (Future<Block> f : pending) f.cancel(false);
        }
        if (gzip) {
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, (int) size);
        }
    }

    private static Block makeBlock(int b, boolean last, boolean gzip, byte[] header, VoxelSource voxels, int voxelCount,
            int perBlock, int elementBytes) {
        int first = b * perBlock;
        int n = Math.min(perBlock, voxelCount - first);
        int prefix = b == 0 ? header.length : 0;
        byte[] raw = new byte[prefix + n * elementBytes];
        if (prefix > 0) System.arraycopy(header, 0, raw, 0, prefix);
        voxels.encode(first, n, raw, prefix);
        if (!gzip) return new Block(raw, raw.length, null, 0);
        Deflater deflater = new Deflater(GZIP_LEVEL, true);
        try {
            deflater.setInput(raw);
            if (last) deflater.finish();
            byte[] packed = new byte[raw.length + raw.length / 8 + 128];
            int len = 0;
            int flush = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            while (true) {
                int space = packed.length - len;
                int got = deflater.deflate(packed, len, space, flush);
                len += got;
                // a sync flush is complete once it leaves output space unused
                if (last ? deflater.finished() : got < space) break;
                if (len == packed.length) packed = java.util.Arrays.copyOf(packed, packed.length * 2);
            }
            return new Block(raw, raw.length, packed, len);
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(OutputStream out, int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}

package dynaseg.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads single-file NIfTI-1/NIfTI-2 images, plain or gzip-compressed (recognised by content,
 * not by name). The calling thread reads/inflates the data in 4 MiB chunks straight into reusable
 * buffers; {@link IoThreads} decode finished chunks meanwhile, so conversion overlaps inflation.
 * A file that ends before the data the header announces is an error, never a partial image.
 */
final class NiftiReader {
    private static final int CHUNK_BYTES = 4 << 20;
    private static final int STREAM_BUFFER = 1 << 16;

    /** Receives the raw bytes of voxels {@code firstVoxel ..}; called from several threads for disjoint ranges. */
    interface ChunkSink {
        void accept(byte[] chunk, int nBytes, int firstVoxel) throws IOException;
    }

    private NiftiReader() {}

    static NiftiHeader readHeader(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readHeader(in, file);
        } catch (ZipException | EOFException e) {
            throw new NiftiFormatException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    static Volume readVolume(Path file) throws IOException {
        NiftiHeader[] header = new NiftiHeader[1];
        float[][] voxels = new float[1][];
        readData(file, h -> {
            header[0] = h;
            voxels[0] = new float[(int) h.voxelCount3D()];
            VoxelDecoder decoder = new VoxelDecoder(h.datatype(), h.byteOrder(), h.slope(), h.intercept());
            return (chunk, n, first) -> decoder.toFloat(chunk, n, voxels[0], first);
        });
        return new Volume(header[0].geometry(), voxels[0]);
    }

    static LabelMap readLabels(Path file) throws IOException {
        NiftiHeader[] header = new NiftiHeader[1];
        byte[][] labels = new byte[1][];
        readData(file, h -> {
            header[0] = h;
            labels[0] = new byte[(int) h.voxelCount3D()];
            if (h.datatype() == NiftiDataType.UINT8 && h.slope() == 1 && h.intercept() == 0) {
                return (chunk, n, first) -> System.arraycopy(chunk, 0, labels[0], first, n);
            }
            VoxelDecoder decoder = new VoxelDecoder(h.datatype(), h.byteOrder(), h.slope(), h.intercept());
            int[] d = h.dims3();
            return (chunk, n, first) -> {
                double[] values = new double[n / h.datatype().bytes()];
                decoder.toDouble(chunk, n, values);
                for (int i = 0; i < values.length; i++) {
                    double v = values[i];
                    if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
                        int idx = first + i;
                        throw new NiftiFormatException(file, "is not a label map: value " + v + " at voxel (" + idx % d[0] + ", "
                                + (idx / d[0]) % d[1] + ", " + idx / ((long) d[0] * d[1]) + ") is not an integer in 0..255");
                    }
                    labels[0][first + i] = (byte) (int) v;
                }
            };
        });
        return new LabelMap(header[0].geometry(), labels[0]);
    }

    /** Makes the sink for a header once the header is known and checked. */
    private interface SinkFactory {
        ChunkSink create(NiftiHeader h);
    }

    private static void readData(Path file, SinkFactory sinks) throws IOException {
        try (InputStream in = open(file)) {
            NiftiHeader h = readHeader(in, file);
            h.requireSpatial3D(file);
            long voxels = h.voxelCount3D();
            long bytes = voxels * h.datatype().bytes();
            if (voxels > Integer.MAX_VALUE - 16) {
                throw new NiftiFormatException(file, "too large: " + voxels + " voxels (at most 2^31 - 16 in one volume)");
            }
            long headerBytes = h.version() == 1 ? NiftiHeaderCodec.NIFTI1_SIZE : NiftiHeaderCodec.NIFTI2_SIZE;
            long gap = h.voxOffset() - headerBytes;
            if (gap > 0 && skipFully(in, gap) < gap) {
                throw new NiftiFormatException(file, "truncated: the file ends before the voxel data offset " + h.voxOffset());
            }
            ChunkSink sink = sinks.create(h);
            pump(in, sink, bytes, h.datatype().bytes(), file, h);
            // gzip checks its CRC and length only at the end of the stream: read on to it, so that a
            // damaged file fails here instead of giving wrong voxels
            if (in instanceof GZIPInputStream) skipFully(in, Long.MAX_VALUE);
        } catch (ZipException | EOFException e) {
            throw new NiftiFormatException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Reads {@code total} data bytes chunk by chunk, decoding finished chunks on the pool. */
    private static void pump(InputStream in, ChunkSink sink, long total, int elementBytes, Path file, NiftiHeader h)
            throws IOException {
        int chunkBytes = (int) Math.min(CHUNK_BYTES, Math.max(elementBytes, total));
        boolean parallel = total > chunkBytes;
        int maxBuffers = parallel ? IoThreads.parallelism() + 2 : 1;
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(maxBuffers);
        int allocated = 0;
        ArrayDeque<Future<?>> pending = new ArrayDeque<>();
        long done = 0;
        try {
            while (done < total) {
                byte[] buf = free.poll();
                if (buf == null && allocated < maxBuffers) {
                    buf = new byte[chunkBytes];
                    allocated++;
                }
                while (buf == null) {
                    IoThreads.await(pending.peekFirst()); // surfaces a failed chunk early
                    pending.pollFirst();
                    buf = free.poll();
                }
                int n = (int) Math.min(chunkBytes, total - done);
                int got = in.readNBytes(buf, 0, n);
                if (got < n) {
                    throw new NiftiFormatException(file, "truncated or dims do not match the data: dims "
                            + Arrays.toString(h.shape()) + " of " + h.datatype() + " need " + total + " data bytes from offset "
                            + h.voxOffset() + ", but the file holds only " + (done + got));
                }
                int first = (int) (done / elementBytes);
                byte[] chunk = buf;
                if (!parallel) {
                    sink.accept(chunk, n, first);
                } else {
                    pending.addLast(IoThreads.pool().submit(() -> {
                        try {
                            sink.accept(chunk, n, first);
                        } finally {
                            free.add(chunk);
                        }
                        return null;
                    }));
                }
                done += n;
                while (!pending.isEmpty() && pending.peekFirst().isDone()) IoThreads.await(pending.pollFirst());
            }
            while (!pending.isEmpty()) IoThreads.await(pending.pollFirst());
        } finally {
            for (Future<?> f : pending) f.cancel(false);
        }
    }

    private static long skipFully(InputStream in, long n) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        while (skipped < n) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    private static NiftiHeader readHeader(InputStream in, Path file) throws IOException {
        byte[] buf = new byte[NiftiHeaderCodec.NIFTI2_SIZE];
        int n = in.readNBytes(buf, 0, 4);
        if (n == 4) {
            int sizeLe = (buf[0] & 0xFF) | (buf[1] & 0xFF) << 8 | (buf[2] & 0xFF) << 16 | (buf[3] & 0xFF) << 24;
            boolean v2 = sizeLe == NiftiHeaderCodec.NIFTI2_SIZE || Integer.reverseBytes(sizeLe) == NiftiHeaderCodec.NIFTI2_SIZE;
            int size = v2 ? NiftiHeaderCodec.NIFTI2_SIZE : NiftiHeaderCodec.NIFTI1_SIZE;
            n += in.readNBytes(buf, 4, size - 4);
        }
        return NiftiHeaderCodec.parse(buf, n, file);
    }

    /** Opens the file, inflating when it starts with the gzip magic bytes. */
    private static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new NiftiFormatException(file, "is a directory, not a NIfTI file");
        byte[] magic = new byte[2];
        int n;
        try (InputStream probe = Files.newInputStream(file)) {
            n = probe.readNBytes(magic, 0, 2);
        }
        InputStream raw = Files.newInputStream(file);
        if (n == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
            try {
                return new GZIPInputStream(raw, STREAM_BUFFER);
            } catch (IOException e) {
                raw.close();
                throw new NiftiFormatException(file, "corrupt gzip header (" + e.getMessage() + ")", e);
            }
        }
        return new java.io.BufferedInputStream(raw, STREAM_BUFFER);
    }
}

package dynaseg.data.sampling;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Produces training batches on background threads ahead of the trainer. Batch b of epoch e is
 * built from its own random stream, seeded from (seed, e, b) alone, and batches are handed out in
 * index order; so the batches of a seed are the same whatever the thread count or scheduling.
 * At most {@code prefetch} batches are produced ahead of the consumer (bounded memory).
 *
 * <pre>
 * try (PatchLoader loader = new PatchLoader(sampler, Augmentation.defaults(), 2, seed, 2)) {
 *     for (int epoch = 1; ...; epoch++) {
 *         Iterator&lt;Batch&gt; batches = loader.epoch(epoch, iterationsPerEpoch);
 *         while (batches.hasNext()) step(batches.next());
 *     }
 * }
 * </pre>
 */
public final class PatchLoader implements AutoCloseable {
    private final PatchSampler sampler;
    private final Augmentation augmentation;
    private final int batchSize;
    private final long seed;
    private final int prefetch;
    private final ExecutorService workers;
    private EpochIterator current;

    /**
     * @param threads background producer threads; 0 builds each batch in the caller's thread on demand
     */
    public PatchLoader(PatchSampler sampler, Augmentation augmentation, int batchSize, long seed, int threads) {
        this(sampler, augmentation, batchSize, seed, threads, Math.max(2, 2 * threads));
    }

    public PatchLoader(PatchSampler sampler, Augmentation augmentation, int batchSize, long seed, int threads, int prefetch) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1");
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
        this.sampler = sampler;
        this.augmentation = augmentation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.prefetch = Math.max(1, prefetch);
        if (threads == 0) {
            workers = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "dynaseg-loader-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    public int batchSize() { return batchSize; }
    public PatchSampler sampler() { return sampler; }

    /**
     * The {@code iterations} batches of epoch {@code epoch}, produced ahead in the background.
     * Starting an epoch abandons the unread batches of the previous one.
     */
    public synchronized Iterator<Batch> epoch(int epoch, int iterations) {
        if (current != null) current.cancel();
        current = new EpochIterator(epoch, iterations);
        return current;
    }

    /** Batch {@code index} of {@code epoch}, built in the caller's thread (the same batch the iterator yields). */
    public Batch batch(int epoch, int index) {
        SplittableRandom rng = rngFor(seed, epoch, index);
        int[] patch = sampler.patch();
        int voxels = sampler.patchVoxels();
        float[] images = new float[batchSize * voxels];
        byte[] labels = new byte[batchSize * voxels];
        for (int slot = 0; slot < batchSize; slot++) {
            sampler.extract(sampler.draw(rng), images, labels, slot);
            augmentation.apply(rng, images, labels, slot, patch);
        }
        return new Batch(images, labels, batchSize, patch);
    }

    /** The random stream of one batch: a SplitMix64 mix of (seed, epoch, index). */
    public static SplittableRandom rngFor(long seed, int epoch, int index) {
        long h = mix(seed + 0x9E3779B97F4A7C15L);
        h = mix(h ^ (epoch * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L));
        h = mix(h ^ (index * 0x94D049BB133111EBL + 0x2545F4914F6CDD1DL));
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public synchronized void close() {
        if (current != null) current.cancel();
        if (workers != null) workers.shutdownNow();
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int epoch;
        private final int iterations;
        private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        private int submitted;
        private int delivered;

        EpochIterator(int epoch, int iterations) {
            this.epoch = epoch;
            this.iterations = iterations;
            if (workers != null) while (submitted < iterations && submitted < prefetch) submitNext();
        }

        private void submitNext() {
            int index = submitted++;
            pending.add(workers.submit(() -> batch(epoch, index)));
        }

        @Override
        public boolean hasNext() { return delivered < iterations; }

        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException();
            if (workers == null) return batch(epoch, delivered++);
            Future<Batch> head = pending.poll();
            if (submitted < iterations) submitNext();
            delivered++;
            try {
                return head.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("batch " + (delivered - 1) + " of epoch " + epoch + " failed: "
                        + e.getCause(), e.getCause());
            }
        }

        void cancel() {
            for (Future<Batch> f : pending) f.cancel(true);
            pending.clear();
            delivered = iterations;
        }
    }
}

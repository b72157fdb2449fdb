package dynaseg.phantom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dynaseg.data.FutureResults;
import dynaseg.data.Organ;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Writes phantoms in the Medical Segmentation Decathlon layout: {@code imagesTr/case_XXXX.nii.gz}
 * (int16 HU), {@code labelsTr/case_XXXX.nii.gz} (uint8, BTCV labels) and {@code dataset.json}.
 * Cases are made in parallel; each depends only on (seed, index), so the files do not depend on
 * the number of threads.
 */
public final class SyntheticDatasetWriter {
    private final PhantomGenerator generator;
    private final int threads;

    public SyntheticDatasetWriter(PhantomGenerator generator, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.generator = generator;
        this.threads = threads;
    }

    /** File stem of case {@code index}: {@code case_0007}. */
    public static String caseName(int index) {
        return String.format(Locale.ROOT, "case_%04d", index);
    }

    /**
     * Writes cases 0..cases-1 and dataset.json under {@code outDir}.
     *
     * @param progress called with the number of finished cases after each one (from worker threads)
     * @return the organ shares over the written cases
     */
    public OrganShares write(Path outDir, int cases, String description, IntConsumer progress) throws IOException {
        if (cases < 1) throw new IllegalArgumentException("number of cases must be at least 1, got " + cases);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IOException(outDir + " exists and is not a directory");
        }
        Path images = Files.createDirectories(outDir.resolve("imagesTr"));
        Path labels = Files.createDirectories(outDir.resolve("labelsTr"));
        OrganShares shares = new OrganShares();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    PhantomCase c = generator.generate(index);
                    String name = caseName(index) + ".nii.gz";
                    try {
                        Nifti.writeVolume(c.image(), images.resolve(name), "int16");
                        Nifti.writeLabels(c.labels(), labels.resolve(name));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    shares.add(c.labels());
                    progress.accept(done.incrementAndGet());
                }));
            }
            for (Future<?> f : futures) FutureResults.await(f, "interrupted while writing phantoms");
        } finally {
            pool.shutdownNow();
        }
        writeDatasetJson(outDir, cases, description);
        return shares;
    }

    /** dataset.json as the Medical Segmentation Decathlon writes it, for {@code cases} training cases. */
    public static void writeDatasetJson(Path outDir, int cases, String description) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "dynaseg-synthetic-abdomen");
        json.put("description", description);
        json.put("reference", "synthetic phantoms made by dynaseg synth");
        json.put("licence", "CC0");
        json.put("tensorImageSize", "3D");
        json.put("modality", Map.of("0", "CT"));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("0", "background");
        for (Organ o : Organ.values()) labels.put(Integer.toString(o.label()), o.structureName());
        json.put("labels", labels);
        json.put("numTraining", cases);
        json.put("numTest", 0);
        List<Map<String, String>> training = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Map<String, String> pair = new LinkedHashMap<>();
            pair.put("image", "./imagesTr/" + caseName(i) + ".nii.gz");
            pair.put("label", "./labelsTr/" + caseName(i) + ".nii.gz");
            training.add(pair);
        }
        json.put("training", training);
        json.put("test", List.of());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("dataset.json").toFile(), json);
    }
}

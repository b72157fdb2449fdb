package dynaseg.spark;

import dynaseg.data.NnUnetNaming;
import dynaseg.infer.PredictionInputs;
import dynaseg.infer.PredictionJob;
import dynaseg.infer.PredictionWriter;
import dynaseg.infer.Predictor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The work of {@code predict --spark} without Spark: the scan list on the driver, and in each task
 * the plain predict job ({@link PredictionJob}, {@link PredictionWriter}: skipping, atomic writes,
 * per-organ outputs, label table) run on the task's scans one by one, so that every scan gets its
 * own result. Predictors are kept per JVM and lent to one task at a time: an executor loads the
 * model once, not once per scan.
 */
public final class CohortTasks {
    private CohortTasks() {}

    private static final Map<String, ConcurrentLinkedQueue<Predictor>> IDLE = new ConcurrentHashMap<>();

    /**
     * The scans of {@code input}: a .nii/.nii.gz file, a folder of them (sorted), or a text file
     * naming one scan a line (blank lines and lines starting with # left out; relative names are
     * relative to the list's folder).
     */
    public static List<Path> listInputs(Path input) throws IOException {
        if (Files.isRegularFile(input) && !PredictionInputs.isNifti(input)) {
            List<Path> scans = new ArrayList<>();
            for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                Path p = Path.of(t);
                scans.add(p.isAbsolute() ? p : input.toAbsolutePath().getParent().resolve(p).normalize());
            }
            if (scans.isEmpty()) throw new IOException(input + ": lists no scans");
            return scans;
        }
        if (!Files.exists(input)) throw new NoSuchFileException(input + ": no such file or folder");
        return PredictionInputs.list(input);
    }

    /**
     * Predicts {@code scans} in this JVM with the model at {@code localModel} (or the request's
     * run) into {@code outDir}; with {@code hadoop} settings the scans and the output folder are
     * addresses of Spark's file systems ({@link HadoopFiles}), else absolute paths.
     */
    public static List<ScanResult> predict(CohortRequest req, String outDir, NnUnetNaming naming, Map<String, String> hadoop,
            Path localModel, Iterator<String> scans, PrintStream log)
            throws IOException {
        String key = key(req, localModel);
        Predictor predictor = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (predictor == null) predictor = build(req, localModel);
        List<ScanResult> results = new ArrayList<>();
        try {
            PredictionWriter writer = new PredictionWriter(Path.of(outDir), req.overwrite()).withNaming(naming);
            var outputs = new PredictionJob.Outputs(req.probabilities(), req.splitMasks(), req.statistics());
            var files = hadoop == null ? null : HadoopFiles.configuration(hadoop); // once per task: it reads Hadoop's default resources
            while (scans.hasNext()) {
                String next = scans.next();
                Predictor p = predictor;
                ScanResult r = hadoop == null ? predictOne(predictor, writer, outputs, req.preview(), Path.of(next))
                        : HadoopFiles.predict(next, outDir, req.overwrite(), naming, files,
                                (w, local) -> predictOne(p, w, outputs, req.preview(), local));
                log.println("dynaseg: " + r.message());
                log.flush();
                results.add(r);
            }
        } finally {
            IDLE.get(key).add(predictor);
        }
        return results;
    }

    /** Closes the kept predictors (the driver, at the end of a local job). */
    public static void closeIdle() {
        for (ConcurrentLinkedQueue<Predictor> q : IDLE.values()) {
            for (Predictor p; (p = q.poll()) != null; ) p.close();
        }
        IDLE.clear();
    }

    private static ScanResult predictOne(Predictor predictor, PredictionWriter writer, PredictionJob.Outputs outputs,
            boolean preview, Path scan) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (PrintStream quiet = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            PredictionJob.Summary s = new PredictionJob(predictor, writer, outputs, quiet, quiet, false)
                    .withPreview(preview).run(List.of(scan));
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = caseLine(buf.toString(StandardCharsets.UTF_8), scan);
            if (!s.failed().isEmpty()) return new ScanResult(scan.toString(), ScanResult.Status.FAILED, s.failed().get(0).message(), seconds);
            ScanResult.Status status = !s.written().isEmpty() ? ScanResult.Status.WRITTEN
                    : !s.completed().isEmpty() ? ScanResult.Status.COMPLETED : ScanResult.Status.SKIPPED;
            return new ScanResult(scan.toString(), status, line, seconds);
        } catch (RuntimeException | OutOfMemoryError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ScanResult(scan.toString(), ScanResult.Status.FAILED, m.contains(scan.getFileName().toString()) ? m : scan + ": " + m,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The job's line about the case, without its "case 1/1" tag. */
    private static String caseLine(String output, Path scan) {
        for (String l : output.split("\n")) {
            if (l.startsWith("case 1/1 ")) return l.substring("case 1/1 ".length()).strip();
        }
        return scan.toString();
    }

    private static Predictor build(CohortRequest req, Path localModel) throws IOException {
        Predictor.Builder b = localModel != null ? Predictor.fromModel(localModel) : Predictor.builder(Path.of(req.run()));
        return b.optCheckpoint(req.checkpoint().toLowerCase(Locale.ROOT)).optOverlap(req.overlap()).optMirroring(req.mirror())
                .optWindowBatch(req.windowBatch()).optDevice(req.device() == null ? null : req.device().toLowerCase(Locale.ROOT))
                .build();
    }

    private static String key(CohortRequest req, Path localModel) {
        return localModel + "|" + req.run() + "|" + req.checkpoint() + "|" + req.overlap() + "|" + req.mirror() + "|"
                + req.windowBatch() + "|" + req.device();
    }

    /** The end of the job: one line per scan that did not go as planned, then the figures. */
    public static boolean summarize(List<ScanResult> results, double seconds, PrintStream out, PrintStream err) {
        int written = 0;
        int skipped = 0;
        int completed = 0;
        int failed = 0;
        for (ScanResult r : results) {
            switch (r.status()) {
                case WRITTEN -> written++;
                case SKIPPED -> skipped++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
            }
        }
        for (ScanResult r : results) {
            if (r.status() == ScanResult.Status.FAILED) err.println("error: " + r.message());
        }
        err.flush();
        out.printf(Locale.ROOT, "done in %.1f s: %d written, %d skipped, %d failed%s; %.2f scans per minute predicted%n", seconds,
                written, skipped, failed, completed == 0 ? "" : ", " + completed + " completed from existing label maps",
                seconds > 0 ? written * 60.0 / seconds : 0.0);
        out.flush();
        return failed == 0;
    }
}

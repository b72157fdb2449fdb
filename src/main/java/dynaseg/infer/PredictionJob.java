package dynaseg.infer;

import dynaseg.io.Geometry;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Predicts a list of scans into an output folder, one at a time: scans whose prediction exists
 * are skipped (unless the writer overwrites), a scan that cannot be read or predicted is reported
 * with its file name and the job goes on; finished predictions are kept whatever happens later.
 * Progress over all cases' windows goes to {@code out} ({@link PredictionProgress}), one line per
 * case, and a summary at the end; errors go to {@code err}.
 */
public final class PredictionJob {
    /** A scan that failed, with the reason. */
    public record Failure(Path input, String message) {}

    /** What a job did. */
    public record Summary(List<Path> written, List<Path> skipped, List<Failure> failed, double seconds) {
        public boolean ok() { return failed.isEmpty(); }
    }

    private final Predictor predictor;
    private final PredictionWriter writer;
    private final boolean probabilities;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean bar;
    private boolean preview;

    /**
     * @param probabilities also write the class probabilities
     * @param bar           a redrawn progress bar (terminals) instead of lines
     */
    public PredictionJob(Predictor predictor, PredictionWriter writer, boolean probabilities, PrintStream out,
            PrintStream err, boolean bar) {
        this.predictor = predictor;
        this.writer = writer;
        this.probabilities = probabilities;
        this.out = out;
        this.err = err;
        this.bar = bar;
    }

    /** Also writes a {@link PreviewImage} beside each label map written ({@code <name>_preview.png}). */
    public PredictionJob withPreview(boolean preview) {
        this.preview = preview;
        return this;
    }

    /**
     * @throws IllegalArgumentException when a prediction would replace its own input (the output
     *     folder is the input folder); nothing is written then
     */
    public Summary run(List<Path> inputs) {
        for (Path in : inputs) {
            if (writer.labelsPath(in).toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the prediction of " + in + " would replace the scan itself; "
                        + "choose an output folder other than the input folder");
            }
        }
        long start = System.nanoTime();
        int n = inputs.size();
        int[] windows = new int[n];
        String[] headerErrors = new String[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (writer.isDone(inputs.get(i))) continue;
            try {
                windows[i] = predictor.windowCount(Nifti.readHeader(inputs.get(i)).geometry());
                total += windows[i];
            } catch (Exception e) {
                headerErrors[i] = message(inputs.get(i), e);
            }
        }
        List<Path> written = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        List<String> caseLines = new ArrayList<>();
        out.printf(Locale.ROOT, "predicting %d scan%s with %s (patch %s, overlap %s, window batch %d%s) into %s%n", n,
                n == 1 ? "" : "s", predictor.checkpoint(), Arrays.toString(predictor.patch()), predictor.overlap(),
                predictor.windowBatch(), predictor.mirroring() ? ", mirroring" : "", writer.outDir());
        out.flush();
        try (PredictionProgress progress = PredictionProgress.start(total, n, out, bar)) {
            for (int i = 0; i < n; i++) {
                Path in = inputs.get(i);
                String tag = String.format(Locale.ROOT, "case %d/%d %s", i + 1, n, in.getFileName());
                if (writer.isDone(in)) {
                    skipped.add(in);
                    caseLines.add(tag + ": skipped, " + writer.labelsPath(in) + " exists (--overwrite replaces it)");
                    progress.caseSkipped(0, last(caseLines));
                    continue;
                }
                if (headerErrors[i] != null) {
                    failed.add(new Failure(in, headerErrors[i]));
                    caseLines.add(tag + ": FAILED: " + headerErrors[i]);
                    progress.caseSkipped(0, last(caseLines));
                    continue;
                }
                progress.startCase(i + 1, in.getFileName().toString(), windows[i]);
                long caseStart = System.nanoTime();
                try {
                    Volume hu = Nifti.readVolume(in);
                    PredictedCase p = predictor.predict(hu, probabilities, progress::windowsDone);
                    Path target = writer.write(in, p);
                    written.add(target);
                    if (preview) PreviewImage.write(hu, p.labels(), predictor.classNames(), PreviewImage.pathFor(target));
                    caseLines.add(String.format(Locale.ROOT, "%s -> %s: %s, %d windows, %.1f s", tag, target,
                            dims(hu.geometry()), p.windows(), (System.nanoTime() - caseStart) / 1e9));
                    progress.caseDone(last(caseLines));
                } catch (Exception | OutOfMemoryError e) {
                    String msg = message(in, e);
                    failed.add(new Failure(in, msg));
                    caseLines.add(tag + ": FAILED: " + msg);
                    progress.caseFailed(last(caseLines));
                }
            }
        }
        if (bar) caseLines.forEach(out::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "done in %s: %d written, %d skipped, %d failed%n", PredictionProgress.duration(seconds),
                written.size(), skipped.size(), failed.size());
        out.flush();
        for (Failure f : failed) err.println("error: " + f.message());
        err.flush();
        return new Summary(List.copyOf(written), List.copyOf(skipped), List.copyOf(failed), seconds);
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String dims(Geometry g) {
        return g.nx() + "x" + g.ny() + "x" + g.nz();
    }

    /** The error's message, naming the file once. */
    private static String message(Path file, Throwable e) {
        String m = e instanceof OutOfMemoryError ? "out of memory (give the JVM more with -Xmx, or lower --window-batch)"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.contains(file.toString()) || m.contains(file.getFileName().toString()) ? m : file + ": " + m;
    }
}

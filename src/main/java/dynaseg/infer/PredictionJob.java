package dynaseg.infer;

import dynaseg.io.Geometry;
import dynaseg.io.LabelTable;
import dynaseg.io.LabelTableFiles;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Predicts a list of scans into an output folder, one at a time: scans whose prediction exists
 * are skipped (unless the writer overwrites), a scan that cannot be read or predicted is reported
 * with its file name and the job goes on; finished predictions are kept whatever happens later.
 * Progress over all cases' windows goes to {@code out} ({@link PredictionProgress}), one line per
 * case, and a summary at the end; errors go to {@code err}.
 *
 * <p>Before any case, the run's label table ({@link LabelTable} of {@link Predictor#classNames()})
 * is written next to the predictions as {@code labels.json} and {@code labels.ctbl}; a folder
 * whose labels.json names other labels is refused (unless the writer overwrites), so a folder
 * never mixes label maps of different meaning. Per-organ outputs ({@link OrganOutputs}) follow
 * each label map; a case whose label map exists but lacks them gets them from that label map.
 */
public final class PredictionJob {
    /** A scan that failed, with the reason. */
    public record Failure(Path input, String message) {}

    /**
     * What a job did: label maps written, cases skipped (all present), cases failed, and cases
     * whose existing label map only got its missing per-organ outputs.
     */
    public record Summary(List<Path> written, List<Path> skipped, List<Failure> failed, List<Path> completed, double seconds) {
        public boolean ok() { return failed.isEmpty(); }
    }

    /**
     * What to write besides each label map.
     *
     * @param probabilities the class probabilities ({@code <case>_probabilities.nii.gz})
     * @param splitMasks    one binary mask per organ ({@code <case>/<organ>.nii.gz})
     * @param statistics    organ volumes and HU statistics ({@code <case>/statistics.json}, {@code .csv})
     */
    public record Outputs(boolean probabilities, boolean splitMasks, boolean statistics) {}

    private final Predictor predictor;
    private final PredictionWriter writer;
    private final boolean probabilities;
    private final LabelTable table;
    private final OrganOutputs organOutputs;
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
        this(predictor, writer, new Outputs(probabilities, false, false), out, err, bar);
    }

    /**
     * @param outputs what to write besides the label maps
     * @param bar     a redrawn progress bar (terminals) instead of lines
     * @throws IllegalArgumentException when two organs of the run would share a mask file name
     */
    public PredictionJob(Predictor predictor, PredictionWriter writer, Outputs outputs, PrintStream out,
            PrintStream err, boolean bar) {
        this.predictor = predictor;
        this.writer = writer;
        this.probabilities = outputs.probabilities();
        this.table = LabelTable.ofClassNames(predictor.classNames());
        this.organOutputs = new OrganOutputs(writer, table, outputs.splitMasks(), outputs.statistics());
        this.out = out;
        this.err = err;
        this.bar = bar;
    }

    /**
     * Also writes a {@link PreviewImage} beside each label map ({@code <name>_preview.png}): for each
     * one written, and from an existing label map whose preview is missing (a rerun adds it).
     */
    public PredictionJob withPreview(boolean preview) {
        this.preview = preview;
        return this;
    }

    /**
     * @throws IllegalArgumentException when a prediction would replace an input (the output folder
     *     is the input folder), when two inputs are one case ({@code ct_0000.nii.gz} and
     *     {@code ct.nii.gz}, or {@code a.nii} and {@code a.nii.gz}), or when the output folder's
     *     labels.json names other labels; nothing is written then
     * @throws java.io.UncheckedIOException when the label table cannot be written
     */
    public Summary run(List<Path> inputs) {
        checkNames(writer, inputs);
        writeLabelTable();
        long start = System.nanoTime();
        int n = inputs.size();
        int[] windows = new int[n];
        String[] headerErrors = new String[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (writer.isDone(inputs.get(i))) continue; // no windows: done, or only per-organ outputs to add
            try {
                windows[i] = predictor.windowCount(Nifti.readHeader(inputs.get(i)).geometry());
                total += windows[i];
            } catch (Exception e) {
                headerErrors[i] = message(inputs.get(i), e);
            }
        }
        List<Path> written = new ArrayList<>();
        List<Path> completed = new ArrayList<>();
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
                boolean previewMissing = preview && !Files.exists(PreviewImage.pathFor(writer.labelsPath(in)));
                if (writer.isDone(in) && organOutputs.isDone(in) && !previewMissing) {
                    skipped.add(in);
                    caseLines.add(tag + ": skipped, " + writer.labelsPath(in) + " exists (--overwrite replaces it)");
                    progress.caseSkipped(0, last(caseLines));
                    continue;
                }
                if (writer.isDone(in)) {
                    try {
                        dynaseg.io.LabelMap labels = Nifti.readLabels(writer.labelsPath(in));
                        Volume hu = previewMissing ? Nifti.readVolume(in) : null;
                        List<String> added = organOutputs.write(in, labels, hu);
                        Path png = PreviewImage.pathFor(writer.labelsPath(in));
                        if (previewMissing) PreviewImage.write(hu, labels, predictor.classNames(), png);
                        completed.add(in);
                        caseLines.add(tag + ": " + writer.labelsPath(in) + " exists; wrote "
                                + (added.isEmpty() ? "" : String.join(" and ", added) + " from it into " + writer.caseDir(in))
                                + (added.isEmpty() || !previewMissing ? "" : " and ")
                                + (previewMissing ? "its preview " + png : ""));
                        progress.caseSkipped(0, last(caseLines));
                    } catch (Exception | OutOfMemoryError e) {
                        String msg = message(in, e);
                        failed.add(new Failure(in, msg));
                        caseLines.add(tag + ": FAILED: " + msg);
                        progress.caseSkipped(0, last(caseLines));
                    }
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
                Path target = null;
                try {
                    Volume hu = Nifti.readVolume(in);
                    PredictedCase p = predictor.predict(hu, probabilities, progress::windowsDone);
                    target = writer.write(in, p);
                    written.add(target);
                    if (preview) PreviewImage.write(hu, p.labels(), predictor.classNames(), PreviewImage.pathFor(target));
                    // after the label map, which is kept if these fail: a rerun adds them from it
                    List<String> added = organOutputs.write(in, p.labels(), hu);
                    caseLines.add(String.format(Locale.ROOT, "%s -> %s%s: %s, %d windows, %.1f s", tag, target,
                            added.isEmpty() ? "" : " and " + String.join(" and ", added) + " in " + writer.caseDir(in),
                            dims(hu.geometry()), p.windows(), (System.nanoTime() - caseStart) / 1e9));
                    progress.caseDone(last(caseLines));
                } catch (Exception | OutOfMemoryError e) {
                    String msg = message(in, e) + (target == null ? "" : " (the label map " + target
                            + " is written; a rerun adds the rest from it)");
                    failed.add(new Failure(in, msg));
                    caseLines.add(tag + ": FAILED: " + msg);
                    progress.caseFailed(last(caseLines));
                }
            }
        }
        if (bar) caseLines.forEach(out::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "done in %s: %d written, %d skipped, %d failed%s%n", PredictionProgress.duration(seconds),
                written.size(), skipped.size(), failed.size(),
                completed.isEmpty() ? "" : ", " + completed.size() + " completed from existing label maps");
        out.flush();
        for (Failure f : failed) err.println("error: " + f.message());
        err.flush();
        return new Summary(List.copyOf(written), List.copyOf(skipped), List.copyOf(failed), List.copyOf(completed), seconds);
    }

    /**
     * Refuses, before anything is written, inputs whose predictions would replace an input or each
     * other (also for jobs that split the inputs, such as dynaseg.spark's).
     *
     * @throws IllegalArgumentException naming the inputs
     */
    public static void checkNames(PredictionWriter writer, List<Path> inputs) {
        Set<Path> scans = new HashSet<>();
        for (Path in : inputs) scans.add(in.toAbsolutePath().normalize());
        Map<String, Path> byCase = new HashMap<>();
        for (Path in : inputs) {
            Path target = writer.labelsPath(in).toAbsolutePath().normalize();
            if (target.equals(in.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the prediction of " + in + " would replace the scan itself; "
                        + "choose an output folder other than the input folder");
            }
            if (scans.contains(target)) {
                throw new IllegalArgumentException("the prediction of " + in + " would replace the scan " + target
                        + "; choose an output folder other than the input folder");
            }
            String name = writer.caseName(in);
            Path other = byCase.put(name, in);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + in + " are both case '" + name + "' (both would be "
                        + "written as " + writer.outDir().resolve(name) + ".*): rename one, or predict them into separate folders");
            }
        }
    }

    /** labels.json and labels.ctbl for the run's classes, unless the same labels are already there. */
    private void writeLabelTable() {
        Path dir = writer.outDir();
        try {
            Optional<Path> existing = LabelTableFiles.inFolder(dir);
            if (existing.isPresent() && !writer.overwrite()) {
                LabelTable there = LabelTableFiles.read(existing.get());
                if (!there.names().equals(table.names())) {
                    throw new IllegalArgumentException(existing.get() + " names other labels " + there.names()
                            + " than this model's " + table.names() + "; predict into another folder, or --overwrite to replace it");
                }
                if (Files.isRegularFile(dir.resolve(LabelTableFiles.COLOR_TABLE))) return;
            }
            LabelTableFiles.write(dir, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

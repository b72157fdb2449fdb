package dynaseg.eval;

import dynaseg.data.CaseRef;
import dynaseg.data.NnUnetNaming;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Scores a folder of predicted label maps against a folder of true ones. Files (.nii, .nii.gz)
 * pair by case id, the name without its extension, so {@code case_01.nii.gz} in one folder
 * pairs with {@code case_01.nii} in the other; a case without a same-id partner pairs with the
 * other nnU-Net spelling of its id ({@code ct_0000} with {@code ct}, see {@link #pair}). A truth without a prediction is an error listing
 * every such case, unless {@code allowMissing}: then those cases are skipped with a warning.
 * Predictions without a truth are ignored with a warning. Cases run in parallel on
 * {@code threads} threads (and the organs of a case on the common pool).
 */
public final class Evaluation {
    private final double toleranceMm;
    private final boolean allowMissing;
    private final int threads;

    /**
     * @param toleranceMm NSD tolerance in mm (≥ 0)
     * @param threads cases read and scored at once; 0 = the number of processors
     */
    public Evaluation(double toleranceMm, boolean allowMissing, int threads) {
        if (!(toleranceMm >= 0) || Double.isInfinite(toleranceMm)) {
            throw new IllegalArgumentException("tolerance must be a finite number >= 0 mm: " + toleranceMm);
        }
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0: " + threads);
        this.toleranceMm = toleranceMm;
        this.allowMissing = allowMissing;
        this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** Scores every truth case of {@code truthDir}; organ names from {@link LabelNames#near(Path)}. */
    public EvaluationResult run(Path predictionDir, Path truthDir) throws IOException {
        return run(predictionDir, truthDir, LabelNames.near(truthDir));
    }

    public EvaluationResult run(Path predictionDir, Path truthDir, LabelNames names) throws IOException {
        Map<String, Path> truths = niftiFiles(truthDir);
        Map<String, Path> predictions = niftiFiles(predictionDir);
        if (truths.isEmpty()) throw new IOException(truthDir + ": no .nii or .nii.gz files");
        Map<String, Path> paired = pair(truths, predictions);
        List<String> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : truths.keySet()) if (!paired.containsKey(id)) missing.add(id);
        if (!missing.isEmpty()) {
            String list = missing.size() + " of " + truths.size() + " truth cases have no prediction in "
                    + predictionDir + ": " + String.join(", ", missing);
            if (!allowMissing) throw new IOException(list + " (--allow-missing skips them)");
            warnings.add(list + "; skipped");
        }
        List<String> unpaired = new ArrayList<>();
        for (Map.Entry<String, Path> p : predictions.entrySet()) if (!paired.containsValue(p.getValue())) unpaired.add(p.getKey());
        if (!unpaired.isEmpty()) {
            warnings.add(unpaired.size() + " predictions have no truth in " + truthDir + " and were ignored: "
                    + String.join(", ", unpaired));
        }
        List<String> ids = new ArrayList<>(truths.keySet());
        ids.removeAll(missing);
        if (ids.isEmpty()) throw new IOException("no case of " + truthDir + " has a prediction in " + predictionDir);

        int declared = names.maxLabel();
        List<CaseEvaluation> cases = scoreAll(ids, paired, truths, declared);
        int organs = declared;
        if (organs == 0) for (CaseEvaluation c : cases) organs = Math.max(organs, c.maxLabel());
        if (organs == 0) throw new IOException(truthDir + ": no case has any foreground label");
        List<String> organNames = new ArrayList<>();
        for (int l = 1; l <= organs; l++) organNames.add(names.name(l));
        return new EvaluationResult(organNames, cases, EvaluationResult.meansOf(cases, organs), toleranceMm, warnings);
    }

    private List<CaseEvaluation> scoreAll(List<String> ids, Map<String, Path> predictions, Map<String, Path> truths,
            int declared) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, ids.size()), r -> {
            Thread t = new Thread(r, "dynaseg-evaluate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaseEvaluation>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> scoreCase(id, predictions.get(id), truths.get(id), declared)));
            }
            List<CaseEvaluation> cases = new ArrayList<>();
            for (Future<CaseEvaluation> f : futures) cases.add(f.get());
            return cases;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new IOException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private CaseEvaluation scoreCase(String id, Path predictionFile, Path truthFile, int declared) throws IOException {
        LabelMap prediction = Nifti.readLabels(predictionFile);
        LabelMap truth = Nifti.readLabels(truthFile);
        if (!prediction.geometry().sameGrid(truth.geometry(), 1e-3)) {
            throw new IllegalArgumentException("prediction " + predictionFile + " (" + prediction.geometry()
                    + ") and truth " + truthFile + " (" + truth.geometry() + ") are on different grids");
        }
        if (declared > 0) {
            checkLabels(prediction, predictionFile, declared);
            checkLabels(truth, truthFile, declared);
        }
        return CaseEvaluation.evaluate(id, prediction, truth, toleranceMm, declared);
    }

    private static void checkLabels(LabelMap map, Path file, int declared) {
        long[] counts = map.counts();
        for (int l = declared + 1; l < 256; l++) {
            if (counts[l] > 0) {
                throw new IllegalArgumentException(file + ": label " + l + " is not in the dataset's labels (0.."
                        + declared + ")");
            }
        }
    }

    /**
     * The prediction of each truth case that has one: the file with the same id, else the file with
     * the other nnU-Net spelling ({@code x_0000} for {@code x} and the reverse: predictions of an
     * {@code imagesTs} folder made by a tool that kept the image names). A prediction pairs with at
     * most one truth, and same-id pairs go first.
     */
    static Map<String, Path> pair(Map<String, Path> truths, Map<String, Path> predictions) {
        Map<String, Path> paired = new TreeMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String id : truths.keySet()) {
            if (predictions.containsKey(id)) {
                paired.put(id, predictions.get(id));
                used.add(id);
            }
        }
        for (String id : truths.keySet()) {
            String other = NnUnetNaming.otherSpelling(id);
            if (!paired.containsKey(id) && predictions.containsKey(other) && !truths.containsKey(other) && used.add(other)) {
                paired.put(id, predictions.get(other));
            }
        }
        return paired;
    }

    /** The .nii/.nii.gz files of a folder by case id, sorted; two files with one id are an error. */
    static Map<String, Path> niftiFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder");
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !(name.endsWith(".nii") || name.endsWith(".nii.gz"))) continue;
                Path before = files.put(CaseRef.idOf(p), p);
                if (before != null) throw new IOException(dir + ": " + before.getFileName() + " and " + name + " are the same case");
            }
        }
        return files;
    }
}

package dynaseg.train;

import dynaseg.data.sampling.Augmentation;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.DatasetSplit;
import dynaseg.data.cache.DiskCaches;
import dynaseg.data.sampling.PatchLoader;
import dynaseg.data.sampling.PatchSampler;
import dynaseg.data.preprocess.PreprocessSettings;
import dynaseg.data.VoxelShare;
import dynaseg.data.cache.PreprocessedCache;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.SegmentationDataset;
import dynaseg.data.formats.CombinedDataset;
import dynaseg.data.formats.DatasetOptions;
import dynaseg.data.formats.Datasets;
import dynaseg.data.formats.Problem;
import dynaseg.data.formats.TotalSegLabelMapping;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import dynaseg.run.RunConfig;

/**
 * The preprocessed training and validation cases of a run. Opens every folder of {@code data-dirs}
 * in its layout (detected, or the config's {@code format}: MSD, nnU-Net raw, BTCV,
 * TotalSegmentator) with the config's {@code min-organs}, {@code label-map} and {@code strict};
 * their cases are pooled (their labels must be the same; a case id found in two folders is
 * prefixed with its folder's name). Each folder is split on its own: its own validation list
 * (MSD's {@code validation}, TotalSegmentator's meta.csv split {@code val}), or a seeded random
 * split of {@code val-fraction}. Held-out test cases come from the folder's own test list
 * (TotalSegmentator's split {@code test}) or, with {@code test-fraction}, from the same seeded
 * split; they are not loaded here (only {@link TestScoring} reads them, after training). The split
 * seed is {@code split-seed}, else {@code seed}. Bad cases are printed as warnings and skipped (an
 * error when strict). The cases are loaded through the on-disk {@link PreprocessedCache},
 * printing one progress line.
 */
public final class TrainingData {
    private final List<String> classNames;
    private final List<PreprocessedCase> training;
    private final List<PreprocessedCase> validation;
    private final Path cacheDir;
    private final List<Problem> skipped;
    private final List<TestCase> test;

    /** A held-out test case and the reader of its dataset (its labels may be stored in the layout's own way). */
    public record TestCase(String id, CaseRef ref, CaseReader reader) {}

    private TrainingData(List<String> classNames, List<PreprocessedCase> training, List<PreprocessedCase> validation,
            Path cacheDir, List<Problem> skipped, List<TestCase> test) {
        this.classNames = List.copyOf(classNames);
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
        this.cacheDir = cacheDir;
        this.skipped = List.copyOf(skipped);
        this.test = List.copyOf(test);
    }

    /** Opens, splits and loads the datasets of a config; {@code out} gets warnings and the progress line. */
    public static TrainingData open(RunConfig config, PrintStream out) throws IOException {
        if (config.getDataDirs().isEmpty()) throw new IllegalArgumentException("no data folder given (--data DIR)");
        int threads = config.getThreads() > 0 ? config.getThreads() : Runtime.getRuntime().availableProcessors();
        List<Problem> skipped = Collections.synchronizedList(new ArrayList<>());
        DatasetOptions options = datasetOptions(config, threads, p -> {
            skipped.add(p);
            synchronized (out) {
                out.println("warning: skipped " + p);
            }
        });
        List<Path> dirs = config.getDataDirs().stream().map(Path::of).toList();
        List<SegmentationDataset> sources = new ArrayList<>();
        for (Path dir : dirs) sources.add(Datasets.open(dir, config.getFormat(), options));
        SegmentationDataset dataset = sources.size() == 1 ? sources.get(0) : CombinedDataset.of(folderNames(dirs), sources);
        List<String> names = dataset.classNames();
        List<String> foreground = names.subList(1, names.size());
        if (!config.getOrgans().isEmpty() && !config.getOrgans().equals(foreground)) {
            throw new IllegalArgumentException("organs " + config.getOrgans() + " differ from the dataset's labels "
                    + foreground + "; training on a subset of the labels is not supported yet");
        }
        Path cacheDir = cacheDir(config, dirs.get(0).toAbsolutePath());
        PreprocessSettings settings = config.preprocessSettings();
        String labelSource = options.labelMapping() != null ? options.labelMapping().cliName() : null;
        PreprocessedCache cache = PreprocessedCache.at(cacheDir, Preprocessor.forDataset(dataset, settings), labelSource);

        List<CaseRef> trainRefs = new ArrayList<>();
        List<CaseRef> valRefs = new ArrayList<>();
        List<TestCase> test = new ArrayList<>();
        List<DatasetSplit> splits = splitEachSource(dataset, sources, config);
        for (int i = 0; i < splits.size(); i++) {
            trainRefs.addAll(splits.get(i).training());
            valRefs.addAll(splits.get(i).validation());
            // random test cases are cases of `dataset`; a folder's own test cases belong to that folder
            CaseReader reader = splits.get(i).test().isEmpty() || sources.get(i).testCases().isEmpty() ? dataset : sources.get(i);
            String prefix = sources.size() > 1 && reader != dataset ? folderNames(dirs).get(i) + "_" : "";
            for (CaseRef ref : splits.get(i).test()) test.add(new TestCase(prefix + ref.id(), ref, reader));
        }
        List<CaseRef> refs = new ArrayList<>(trainRefs);
        refs.addAll(valRefs);
        long start = System.nanoTime();
        boolean live = EpochProgress.isInteractive();
        List<PreprocessedCase> loaded = cache.loadAll(refs, threads, (n, of, id) -> {
            if (!live) return; // a log file gets the summary line only
            synchronized (out) {
                out.printf(Locale.ROOT, "\rloading cases: %d/%d (%s)   ", n, of, id);
                out.flush();
            }
        });
        List<PreprocessedCase> train = loaded.subList(0, trainRefs.size());
        List<PreprocessedCase> val = loaded.subList(trainRefs.size(), loaded.size());
        out.printf(Locale.ROOT, "\rloaded %d training and %d validation cases in %.1f s (%s; cache %s)%s%n",
                train.size(), val.size(), (System.nanoTime() - start) / 1e9, dataset.format(), cacheDir,
                test.isEmpty() ? "" : "; " + test.size() + " test cases held out");
        if (!skipped.isEmpty()) out.printf(Locale.ROOT, "skipped %d bad case(s); --strict makes that an error%n", skipped.size());
        if (train.isEmpty()) throw new IllegalArgumentException("no training cases: the dataset needs at least 2 cases");
        if (val.isEmpty()) throw new IllegalArgumentException("no validation cases: the dataset needs at least 2 cases");
        return new TrainingData(names, train, val, cacheDir, skipped, test);
    }

    /** The dataset options of a config: its format defaults, label mapping and strictness. */
    public static DatasetOptions datasetOptions(RunConfig config, int threads, Consumer<Problem> problems) {
        TotalSegLabelMapping mapping = config.getLabelMap() != null ? TotalSegLabelMapping.parse(config.getLabelMap()) : null;
        return new DatasetOptions(config.getMinOrgans(), mapping, config.isStrict(), Math.max(1, threads), problems,
                explicitCacheDir(config));
    }

    /**
     * One split per source folder, in the ids of {@code dataset} (the combined one when there are
     * several): the folder's own validation list, else a seeded random split of its cases; test
     * cases from the folder's own test list (in the folder's ids), else {@code test-fraction} of its cases.
     */
    private static List<DatasetSplit> splitEachSource(SegmentationDataset dataset, List<SegmentationDataset> sources,
            RunConfig config) {
        CombinedDataset combined = dataset instanceof CombinedDataset c ? c : null;
        List<DatasetSplit> splits = new ArrayList<>();
        for (SegmentationDataset source : sources) {
            List<CaseRef> cases = new ArrayList<>();
            List<CaseRef> named = new ArrayList<>();
            Set<CaseRef> sourceValidation = new HashSet<>(source.validationCases());
            for (CaseRef ref : dataset.cases()) {
                if (combined != null && combined.sourceOf(ref) != source) continue;
                cases.add(ref);
                if (sourceValidation.contains(combined != null ? combined.sourceRef(ref) : ref)) named.add(ref);
            }
            boolean ownTest = !source.testCases().isEmpty();
            double testFraction = ownTest ? 0 : config.getTestFraction();
            DatasetSplit split;
            if (named.isEmpty()) {
                split = DatasetSplit.random(cases, config.getValFraction(), testFraction, config.getSplitSeed());
            } else {
                Set<CaseRef> val = new HashSet<>(named);
                List<CaseRef> rest = cases.stream().filter(r -> !val.contains(r)).toList();
                // the test cases come out of the training cases, in the same seeded way
                DatasetSplit t = DatasetSplit.random(rest, 0, testFraction * cases.size() / Math.max(1, rest.size()),
                        config.getSplitSeed());
                split = new DatasetSplit(t.training(), named, t.test());
            }
            if (ownTest) split = new DatasetSplit(split.training(), split.validation(), source.testCases());
            splits.add(split);
        }
        return splits;
    }

    /** Each folder's name, to prefix case ids that two folders share. */
    private static List<String> folderNames(List<Path> dirs) {
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            Path name = dir.toAbsolutePath().normalize().getFileName();
            names.add(name != null ? name.toString() : "data");
        }
        return names;
    }

    /**
     * {@code cache-dir} if set, else {@code $DYNASEG_CACHE}, else {@code <first data dir>/.dynaseg-cache}
     * when that folder is writable, else {@code ~/.cache/dynaseg}.
     */
    public static Path cacheDir(RunConfig config, Path firstDataDir) {
        return DiskCaches.folder(explicitCacheDir(config), firstDataDir);
    }

    /** The config's {@code cache-dir}, or null when it is not set. */
    private static Path explicitCacheDir(RunConfig config) {
        return config.getCacheDir() != null && !config.getCacheDir().isBlank() ? Path.of(config.getCacheDir()) : null;
    }

    /** Class names by label id, background first. */
    public List<String> classNames() { return classNames; }

    /** The N foreground organs, in channel order 1..N. */
    public List<String> organs() { return classNames.subList(1, classNames.size()); }

    public int classCount() { return classNames.size(); }
    public List<PreprocessedCase> training() { return training; }
    public List<PreprocessedCase> validation() { return validation; }
    public Path cacheDir() { return cacheDir; }

    /** The held-out test cases (empty without a test split). */
    public List<TestCase> test() { return test; }

    /** The cases left out as unusable (missing or unreadable files, masks off the image grid, ...). */
    public List<Problem> skipped() { return skipped; }

    /**
     * Each organ's share of the foreground voxels of the training cases (the prevalence schedule's
     * f_i). An organ with no training voxel gets the smallest share seen (so it gets the largest
     * weight, as the rarest organ) rather than an infinite weight.
     */
    public double[] prevalence() {
        int c = classCount();
        long[] counts = new long[c];
        for (PreprocessedCase pc : training) {
            long[] k = pc.classCounts(c);
            for (int i = 0; i < c; i++) counts[i] += k[i];
        }
        long fg = 0;
        for (int i = 1; i < c; i++) fg += counts[i];
        if (fg == 0) throw new IllegalArgumentException("the training cases hold no foreground voxel");
        double[] f = VoxelShare.of(java.util.Arrays.copyOfRange(counts, 1, c), 1.0);
        double smallest = 1;
        for (int i = 1; i < c; i++) {
            if (counts[i] > 0) smallest = Math.min(smallest, f[i - 1]);
        }
        for (int i = 0; i < f.length; i++) if (f[i] == 0) f[i] = smallest;
        return f;
    }

    /** Background patch producers for the training cases with the config's patch, batch, foreground ratio and seed. */
    public PatchLoader loader(RunConfig config, int threads) {
        PatchSampler sampler = new PatchSampler(training, classCount(), config.getPatch(), config.getForegroundRatio());
        return new PatchLoader(sampler, Augmentation.defaults(), config.getBatch(), config.getSeed(), threads);
    }
}

package dynaseg.train;

import dynaseg.data.Augmentation;
import dynaseg.data.CaseRef;
import dynaseg.data.DatasetSplit;
import dynaseg.data.MsdDataset;
import dynaseg.data.PatchLoader;
import dynaseg.data.PatchSampler;
import dynaseg.data.PreprocessSettings;
import dynaseg.data.PreprocessedCache;
import dynaseg.data.PreprocessedCase;
import dynaseg.data.Preprocessor;
import dynaseg.data.SegmentationDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The preprocessed training and validation cases of a run. Opens every dataset of
 * {@code data-dirs} (their cases are pooled; their labels must be the same), splits each one
 * (its own validation list, or a seeded random split of {@code val-fraction}), and loads the
 * cases through the on-disk {@link PreprocessedCache}, printing one progress line.
 */
public final class TrainingData {
    /** Environment variable that overrides the default cache folder. */
    public static final String CACHE_ENV = "DYNASEG_CACHE";

    private final List<String> classNames;
    private final List<PreprocessedCase> training;
    private final List<PreprocessedCase> validation;
    private final Path cacheDir;

    private TrainingData(List<String> classNames, List<PreprocessedCase> training, List<PreprocessedCase> validation,
            Path cacheDir) {
        this.classNames = List.copyOf(classNames);
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
        this.cacheDir = cacheDir;
    }

    /** Opens, splits and loads the datasets of a config; {@code out} gets the progress line. */
    public static TrainingData open(RunConfig config, PrintStream out) throws IOException {
        if (config.getDataDirs().isEmpty()) throw new IllegalArgumentException("no data folder given (--data DIR)");
        List<SegmentationDataset> datasets = new ArrayList<>();
        List<String> names = null;
        Path firstDir = null;
        for (String d : config.getDataDirs()) {
            Path dir = Path.of(d);
            MsdDataset ds = MsdDataset.open(dir);
            if (names == null) {
                names = ds.classNames();
                firstDir = ds.root();
            } else if (!names.equals(ds.classNames())) {
                throw new IOException("dataset " + ds.root() + " has labels " + ds.classNames() + " but " + firstDir
                        + " has " + names + "; datasets trained together need the same labels");
            }
            datasets.add(ds);
        }
        List<String> foreground = names.subList(1, names.size());
        if (!config.getOrgans().isEmpty() && !config.getOrgans().equals(foreground)) {
            throw new IllegalArgumentException("organs " + config.getOrgans() + " differ from the dataset's labels "
                    + foreground + "; training on a subset of the labels is not supported yet");
        }
        Path cacheDir = cacheDir(config, firstDir);
        PreprocessSettings settings = new PreprocessSettings(config.getTargetSpacing(), config.getHuWindow()[0],
                config.getHuWindow()[1], config.isCropToBody());
        int threads = config.getThreads() > 0 ? config.getThreads() : Runtime.getRuntime().availableProcessors();

        List<PreprocessedCase> train = new ArrayList<>();
        List<PreprocessedCase> val = new ArrayList<>();
        int total = 0;
        List<DatasetSplit> splits = new ArrayList<>();
        for (SegmentationDataset ds : datasets) {
            DatasetSplit split = ds.validationCases().isEmpty()
                    ? DatasetSplit.random(ds.cases(), config.getValFraction(), config.getSeed())
                    : DatasetSplit.of(ds, config.getSeed());
            splits.add(split);
            total += split.training().size() + split.validation().size();
        }
        int[] done = {0};
        int all = total;
        long start = System.nanoTime();
        for (int i = 0; i < datasets.size(); i++) {
            SegmentationDataset ds = datasets.get(i);
            PreprocessedCache cache = PreprocessedCache.at(cacheDir, Preprocessor.forDataset(ds, settings));
            List<CaseRef> refs = new ArrayList<>(splits.get(i).training());
            refs.addAll(splits.get(i).validation());
            int offset = done[0];
            boolean live = EpochProgress.isInteractive();
            List<PreprocessedCase> loaded = cache.loadAll(refs, threads, (n, of, id) -> {
                if (!live) return; // a log file gets the summary line only
                synchronized (out) {
                    out.printf(Locale.ROOT, "\rloading cases: %d/%d (%s)   ", offset + n, all, id);
                    out.flush();
                }
            });
            done[0] += refs.size();
            int nTrain = splits.get(i).training().size();
            train.addAll(loaded.subList(0, nTrain));
            val.addAll(loaded.subList(nTrain, loaded.size()));
        }
        out.printf(Locale.ROOT, "\rloaded %d training and %d validation cases in %.1f s (cache %s)%n",
                train.size(), val.size(), (System.nanoTime() - start) / 1e9, cacheDir);
        if (train.isEmpty()) throw new IllegalArgumentException("no training cases: the dataset needs at least 2 cases");
        if (val.isEmpty()) throw new IllegalArgumentException("no validation cases: the dataset needs at least 2 cases");
        return new TrainingData(names, train, val, cacheDir);
    }

    /**
     * {@code cache-dir} if set, else {@code $DYNASEG_CACHE}, else {@code <first data dir>/.dynaseg-cache}
     * when that folder is writable, else {@code ~/.cache/dynaseg}.
     */
    public static Path cacheDir(RunConfig config, Path firstDataDir) {
        if (config.getCacheDir() != null && !config.getCacheDir().isBlank()) return Path.of(config.getCacheDir());
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        if (firstDataDir != null && Files.isWritable(firstDataDir)) return firstDataDir.resolve(".dynaseg-cache");
        return Path.of(System.getProperty("user.home"), ".cache", "dynaseg");
    }

    /** Class names by label id, background first. */
    public List<String> classNames() { return classNames; }

    /** The N foreground organs, in channel order 1..N. */
    public List<String> organs() { return classNames.subList(1, classNames.size()); }

    public int classCount() { return classNames.size(); }
    public List<PreprocessedCase> training() { return training; }
    public List<PreprocessedCase> validation() { return validation; }
    public Path cacheDir() { return cacheDir; }

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
        double[] f = new double[c - 1];
        double smallest = 1;
        for (int i = 1; i < c; i++) {
            f[i - 1] = (double) counts[i] / fg;
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

package dynaseg.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dynaseg.data.PreprocessSettings;
import dynaseg.data.Preprocessor;
import dynaseg.data.Reorientation;
import dynaseg.data.Resampler;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import dynaseg.nn.Networks;
import dynaseg.train.Checkpoints;
import dynaseg.train.NetworkFactory;
import dynaseg.train.RunConfig;
import dynaseg.train.RunDirectory;
import dynaseg.train.Trainer;
import dynaseg.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained run, loaded to segment scans: the run's {@code config.yaml} gives the preprocessing,
 * network and patch; the network is built as the trainer builds it ({@link NetworkFactory}) and
 * gets the parameters of {@code checkpoints/best} or {@code checkpoints/last}.
 *
 * <p>{@link #predict} takes a scan in Hounsfield units on any grid: the image is preprocessed as
 * in training without the body crop ({@link Preprocessor#processImage}: RAS, target spacing, HU
 * window), segmented by {@link SlidingWindowInference} (the run's patch, Gaussian blending,
 * windows in batches, optional mirroring) and brought back onto the scan's own grid by
 * {@link InputGridResampling}. Checkpoints are only read, never repaired, so a run that is still
 * training can be used: a checkpoint caught mid-swap is read from the trainer's ".old" copy.
 *
 * <p>Not thread-safe: one scan at a time. Close it to free the network.
 */
public final class Predictor implements AutoCloseable {
    private final RunConfig config;
    private final Path checkpoint;
    private final List<String> classNames;
    private final Preprocessor preprocessor;
    private final NDManager manager;
    private final Block network;
    private final ParameterStore parameters;
    private final double overlap;
    private final boolean mirroring;
    private final int windowBatch;

    private Predictor(Builder b) throws IOException {
        RunDirectory run = new RunDirectory(b.runDir);
        if (!Files.isRegularFile(run.config())) {
            throw new IOException(run.config() + ": no such file; " + run.root() + " is not a training run folder");
        }
        this.config = RunConfig.read(run.config());
        NetworkFactory.checkPatch(config);
        this.checkpoint = checkpointDir(run, b.checkpoint);
        this.classNames = classNames(config, checkpoint);
        if (b.device != null) config.setDevice(b.device);
        Device device = Trainer.device(config);
        PreprocessSettings settings = new PreprocessSettings(config.getTargetSpacing(), config.getHuWindow()[0],
                config.getHuWindow()[1], false);
        this.preprocessor = new Preprocessor(settings, classNames.size());
        this.overlap = b.overlap;
        this.mirroring = b.mirroring;
        this.windowBatch = b.windowBatch > 0 ? b.windowBatch : config.getBatch();
        NDManager m = NDManager.newBaseManager(device);
        try {
            Block net = NetworkFactory.create(config, classNames.size());
            NetworkFactory.initialize(net, m, config);
            Networks.load(net, checkpoint.resolve(Checkpoints.MODEL), m);
            this.network = net;
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
        this.manager = m;
        this.parameters = new ParameterStore(manager, false);
    }

    /** Settings for the run in {@code runDir}. */
    public static Builder builder(Path runDir) {
        return new Builder(runDir);
    }

    /** The run's settings (a copy). */
    public RunConfig config() { return config.copy(); }
    /** The checkpoint folder the parameters came from. */
    public Path checkpoint() { return checkpoint; }
    /** Label names by id, "background" first. */
    public List<String> classNames() { return classNames; }
    public int classCount() { return classNames.size(); }
    public int[] patch() { return config.getPatch(); }
    public int windowBatch() { return windowBatch; }
    public double overlap() { return overlap; }
    public boolean mirroring() { return mirroring; }

    /** The preprocessed image the network sees for a scan (RAS, target spacing, windowed to [0, 1]). */
    public Volume preprocess(Volume hu) {
        return preprocessor.processImage(hu);
    }

    /** The grid {@link #preprocess} puts a scan with grid {@code input} on, without touching voxels. */
    public Geometry networkGrid(Geometry input) {
        Geometry ras = Reorientation.toRas(input).target();
        double[] spacing = config.getTargetSpacing();
        return spacing == null ? ras : Resampler.targetGrid(ras, spacing);
    }

    /** Network windows (before mirroring) that a scan with grid {@code input} needs: for progress totals. */
    public int windowCount(Geometry input) {
        Geometry g = networkGrid(input);
        int[] p = config.getPatch();
        int[] dims = {Math.max(g.nz(), p[0]), Math.max(g.ny(), p[1]), Math.max(g.nx(), p[2])};
        return WindowGrid.origins(dims, p, overlap).size();
    }

    /** The label map of a scan in Hounsfield units, on the scan's own grid. */
    public LabelMap predict(Volume hu) {
        return predict(hu, false, null).labels();
    }

    /**
     * Segments a scan in Hounsfield units.
     *
     * @param keepProbabilities also return the class probabilities on the scan's grid (C floats per voxel)
     * @param progress          told after each window batch, or null
     */
    public PredictedCase predict(Volume hu, boolean keepProbabilities, SlidingWindowInference.Progress progress) {
        Volume image = preprocess(hu);
        SlidingWindowInference.Builder sw = SlidingWindowInference.builder().setPatch(config.getPatch())
                .optOverlap(overlap).optWindowBatch(windowBatch).optMirroring(mirroring);
        if (progress != null) sw.optProgress(progress);
        int windows = windowCount(hu.geometry());
        SlidingWindowInference.Prediction p = sw.build().predict(manager, image, this::forward);
        if (p.classes() != classNames.size()) {
            throw new IllegalStateException("network gave " + p.classes() + " classes, the run has " + classNames.size());
        }
        return InputGridResampling.toInputGrid(p, image.geometry(), hu.geometry(), keepProbabilities, windows);
    }

    private NDArray forward(NDArray x) {
        return network.forward(parameters, new NDList(x), false).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * {@code checkpoints/<name>/} if complete, else the ".old" copy a trainer leaves for a moment
     * while it swaps in a new one; errors say which checkpoints exist.
     */
    static Path checkpointDir(RunDirectory run, String name) throws IOException {
        if (!RunDirectory.BEST.equals(name) && !RunDirectory.LAST.equals(name)) {
            throw new IllegalArgumentException("checkpoint must be 'best' or 'last', got '" + name + "'");
        }
        Path dir = run.checkpoint(name);
        if (Files.isRegularFile(dir.resolve(Checkpoints.MODEL))) return dir;
        Path old = dir.resolveSibling(dir.getFileName() + dynaseg.train.AtomicFiles.OLD_SUFFIX);
        if (Files.isRegularFile(old.resolve(Checkpoints.MODEL))) return old;
        String other = RunDirectory.BEST.equals(name) ? RunDirectory.LAST : RunDirectory.BEST;
        boolean otherExists = Files.isRegularFile(run.checkpoint(other).resolve(Checkpoints.MODEL));
        throw new IOException(dir + ": no checkpoint (" + Checkpoints.MODEL + " missing)"
                + (otherExists ? "; use --checkpoint " + other : "; the run has not finished an epoch yet"));
    }

    /** "background" + the run's organs; a config without organs takes their count from the checkpoint's state. */
    private static List<String> classNames(RunConfig config, Path checkpoint) throws IOException {
        List<String> names = new ArrayList<>();
        names.add("background");
        if (!config.getOrgans().isEmpty()) {
            names.addAll(config.getOrgans());
            return List.copyOf(names);
        }
        Path state = checkpoint.resolve(TrainingState.FILE_NAME);
        if (!Files.isRegularFile(state)) {
            throw new IOException("the run's config.yaml lists no organs and " + state + " is missing: cannot tell the class count");
        }
        int foreground = TrainingState.read(state).weights().length;
        for (int i = 1; i <= foreground; i++) names.add("label_" + i);
        return List.copyOf(names);
    }

    /** Settings: the run folder is required, the rest have the defaults of {@code dynaseg predict}. */
    public static final class Builder {
        private final Path runDir;
        private String checkpoint = RunDirectory.BEST;
        private double overlap = 0.5;
        private boolean mirroring;
        private int windowBatch;
        private String device;

        private Builder(Path runDir) {
            this.runDir = runDir;
        }

        /** "best" (default) or "last". */
        public Builder optCheckpoint(String checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        /** Fraction of a window shared with its neighbour, in [0, 1); default 0.5. */
        public Builder optOverlap(double overlap) {
            if (!(overlap >= 0 && overlap < 1)) throw new IllegalArgumentException("overlap must be in [0, 1): " + overlap);
            this.overlap = overlap;
            return this;
        }

        /** Test-time mirroring over the 8 flips of the three axes (8x the network calls); default off. */
        public Builder optMirroring(boolean mirroring) {
            this.mirroring = mirroring;
            return this;
        }

        /** Windows per network call; 0 (default) = the run's batch size. */
        public Builder optWindowBatch(int windowBatch) {
            if (windowBatch < 0) throw new IllegalArgumentException("window batch must be >= 0 (0 = the run's batch): " + windowBatch);
            this.windowBatch = windowBatch;
            return this;
        }

        /** "cpu" or "gpu"; null (default) = the run's device. */
        public Builder optDevice(String device) {
            if (device != null && !RunConfig.DEVICES.contains(device)) {
                throw new IllegalArgumentException("device must be cpu or gpu, got '" + device + "'");
            }
            this.device = device;
            return this;
        }

        /** Loads the run's network and checkpoint; errors name the file. */
        public Predictor build() throws IOException {
            return new Predictor(this);
        }
    }

    @Override
    public String toString() {
        return "Predictor[" + config.getModel() + "/" + config.getPreset() + " patch " + Arrays.toString(config.getPatch())
                + " from " + checkpoint + "]";
    }
}

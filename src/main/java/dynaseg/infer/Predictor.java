package dynaseg.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dynaseg.data.preprocess.PreprocessSettings;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.preprocess.Reorientation;
import dynaseg.data.preprocess.Resampler;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import dynaseg.run.NetworkFactory;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.Devices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model, loaded to segment scans: a run folder or an exported model.zip
 * ({@link TrainedModel}). The run's {@code config.yaml} gives the preprocessing, network and patch;
 * the network is built as the trainer builds it ({@link NetworkFactory}) and gets the parameters
 * of {@code checkpoints/best} or {@code checkpoints/last}, or of the zip.
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
    private final Path origin;
    private final List<String> classNames;
    private final Preprocessor preprocessor;
    private final NDManager manager;
    private final Block network;
    private final ParameterStore parameters;
    private final double overlap;
    private final boolean mirroring;
    private final int windowBatch;

    private Predictor(Builder b) throws IOException {
        TrainedModel model = b.modelFile != null ? TrainedModel.fromArchive(b.modelFile)
                : TrainedModel.fromRun(b.runDir, b.checkpoint);
        this.config = model.config();
        NetworkFactory.checkPatch(config);
        this.origin = model.origin();
        this.classNames = model.classNames();
        if (b.device != null) config.setDevice(b.device);
        Device device = Devices.of(config);
        PreprocessSettings settings = config.preprocessSettings().withCropToBody(false);
        this.preprocessor = new Preprocessor(settings, classNames.size());
        this.overlap = b.overlap;
        this.mirroring = b.mirroring;
        this.windowBatch = b.windowBatch > 0 ? b.windowBatch : config.getBatch();
        NDManager m = NDManager.newBaseManager(device);
        try {
            Block net = NetworkFactory.create(config, classNames.size());
            NetworkFactory.initialize(net, m, config);
            model.loadWeights(net, m);
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
        return new Builder(runDir, null);
    }

    /** Settings for a model exported by {@code dynaseg export} (a model.zip). */
    public static Builder fromModel(Path modelFile) {
        return new Builder(null, modelFile);
    }

    /** The run's settings (a copy). */
    public RunConfig config() { return config.copy(); }
    /** Where the parameters came from: a checkpoint folder, or a model.zip. */
    public Path checkpoint() { return origin; }
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

    /** Settings: the run folder is required, the rest have the defaults of {@code dynaseg predict}. */
    public static final class Builder {
        private final Path runDir;
        private final Path modelFile;
        private String checkpoint = RunDirectory.BEST;
        private double overlap = 0.5;
        private boolean mirroring;
        private int windowBatch;
        private String device;

        private Builder(Path runDir, Path modelFile) {
            this.runDir = runDir;
            this.modelFile = modelFile;
        }

        /** "best" (default) or "last"; a model.zip holds one checkpoint and ignores this. */
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

        /** Loads the network and its weights; errors name the file. */
        public Predictor build() throws IOException {
            return new Predictor(this);
        }
    }

    @Override
    public String toString() {
        return "Predictor[" + config.getModel() + "/" + config.getPreset() + " patch " + Arrays.toString(config.getPatch())
                + " from " + origin + "]";
    }
}

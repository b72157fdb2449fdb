package dynaseg.demo;

import dynaseg.run.RunConfig;
import java.util.List;

/**
 * The budget of the demo: phantom data and the training settings every run shares, so that the
 * eight columns differ only in network and strategy (same seed, data, epochs, steps and patch).
 * Sized for 2 CPU cores: {@link #full()} aims at 30 minutes, {@link #quick()} at 5 (docs/BENCHMARKS.md has the measured times).
 *
 * @param name folder name under the demo's output folder ("full" or "quick")
 * @param cases phantoms synthesized
 * @param size voxels per axis of each phantom
 * @param spacing phantom voxel size (mm), also the training target spacing, so no resampling is needed
 * @param minOrganRadius smallest organ semi-axis of the phantoms, in voxels (see AbdomenLayout)
 * @param patch training patch edge: a multiple of 16, as UNETR's token patch needs
 * @param seed the phantoms' seed, the split's seed and the first run seed
 * @param valFraction share of the phantoms that validate (drive the schedules, pick the best epoch)
 * @param testFraction share of the phantoms held out and scored at the end of every run (Table 1's cells)
 * @param foregroundRatio share of patches centred on an organ voxel (nnU-Net: 1/3; more in a short
 *        budget, so that the small organs are seen often enough to be learnt)
 * @param delta the PCF/CBS window (the paper gives none; short, for so few epochs)
 * @param initialScore the schedules' initial score S_0 (null = none; docs/SCHEDULES.md)
 */
public record DemoPlan(String name, int cases, int size, double[] spacing, double minOrganRadius, int epochs,
                       int iterationsPerEpoch, int patch, int batch, double lr, long seed, double valFraction,
                       double testFraction, double foregroundRatio, int delta, Double initialScore) {

    /** A plan without a test split, with the calibrated phantoms (tests). */
    public DemoPlan(String name, int cases, int size, double[] spacing, int epochs, int iterationsPerEpoch, int patch,
            int batch, double lr, long seed) {
        this(name, cases, size, spacing, 1, epochs, iterationsPerEpoch, patch, batch, lr, seed, 0.2, 0, 1.0 / 3, 3, null);
    }

    /** The paper's eight columns: UNETR with none, TCF, PCF, CBS; UNet3D and Lambda3D with none and CBS. */
    public static final List<RunSpec> RUNS = List.of(
            new RunSpec("unetr", "none"), new RunSpec("unetr", "tcf"), new RunSpec("unetr", "pcf"), new RunSpec("unetr", "cbs"),
            new RunSpec("unet3d", "none"), new RunSpec("unet3d", "cbs"),
            new RunSpec("lambda3d", "none"), new RunSpec("lambda3d", "cbs"));

    /** One column: a network and a class-weight strategy. */
    public record RunSpec(String model, String strategy) {
        public String folderName() { return model + "-" + strategy; }
    }

    /** The run folder name of a column with a run seed: {@code <model>-<strategy>}, and {@code -seed<S>} for other seeds than the plan's. */
    public String folderName(RunSpec spec, long runSeed) {
        return runSeed == seed ? spec.folderName() : spec.folderName() + "-seed" + runSeed;
    }

    /**
     * 20 phantoms of 48^3 (3 x 3 x 4 mm; thin organs at least 3 voxels in radius, as thick in
     * voxels as on a 1.5 mm CT), 4 held out for testing and 3 validating; 22 epochs of 20 steps on
     * 32^3 patches. The PCF/CBS window is 1 epoch with the literal initial score: replayed on a
     * 20-epoch UNETR history of these phantoms, windows of 2 or 3 epochs never saw a plateau
     * (docs/SCHEDULES.md).
     */
    public static DemoPlan full() {
        return new DemoPlan("full", 20, 48, new double[] {3.0, 3.0, 4.0}, 3.0, 22, 20, 32, 2, 2e-3, 1, 0.15, 0.2,
                1.0 / 3, 1, 1.0);
    }

    /** 10 phantoms of 32^3 (4.5 x 4.5 x 6 mm), 2 test and 2 validation cases; 6 epochs of 8 steps. */
    public static DemoPlan quick() {
        return new DemoPlan("quick", 10, 32, new double[] {4.5, 4.5, 6.0}, 2.0, 6, 8, 32, 2, 2e-3, 1, 0.2, 0.2,
                1.0 / 3, 1, 1.0);
    }

    /** The training settings of one column with the plan's seed. */
    public RunConfig runConfig(RunSpec spec, String dataDir) {
        return runConfig(spec, dataDir, seed);
    }

    /**
     * The training settings of one column and run seed (network initialisation, patch sampling);
     * the split stays the plan's whatever the run seed. The rest are RunConfig's defaults (cpu
     * presets, Dice loss).
     */
    public RunConfig runConfig(RunSpec spec, String dataDir, long runSeed) {
        RunConfig c = new RunConfig();
        c.setDataDirs(List.of(dataDir));
        c.setModel(spec.model());
        c.setPreset("cpu");
        c.setStrategy(spec.strategy());
        c.setTargetSpacing(spacing);
        c.setEpochs(epochs);
        c.setIterationsPerEpoch(iterationsPerEpoch);
        c.setPatch(new int[] {patch, patch, patch});
        c.setBatch(batch);
        c.setLr(lr);
        c.setWarmupEpochs(epochs > 1 ? 1 : 0);
        c.setSeed(runSeed);
        c.setSplitSeed(seed);
        c.setValFraction(valFraction);
        c.setTestFraction(testFraction);
        c.setForegroundRatio(foregroundRatio);
        // The paper's PCF/CBS window is not given; with few epochs a short window lets the rules act.
        c.setDelta(delta);
        c.setInitialScore(initialScore);
        return c;
    }
}

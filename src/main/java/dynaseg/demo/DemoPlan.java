package dynaseg.demo;

import dynaseg.train.RunConfig;
import java.util.List;

/**
 * The budget of the demo: phantom data and the training settings every run shares, so that the
 * eight columns differ only in network and strategy (same seed, data, epochs, steps and patch).
 * Sized for 2 CPU cores: {@link #full()} fits in 30 minutes, {@link #quick()} in 5.
 *
 * @param name folder name under the demo's output folder ("full" or "quick")
 * @param cases phantoms synthesized
 * @param size voxels per axis of each phantom
 * @param spacing phantom voxel size (mm), also the training target spacing, so no resampling is needed
 * @param patch training patch edge: a multiple of 16, as UNETR's token patch needs
 */
public record DemoPlan(String name, int cases, int size, double[] spacing, int epochs, int iterationsPerEpoch,
                       int patch, int batch, double lr, long seed) {

    /** The paper's eight columns: UNETR with none, TCF, PCF, CBS; UNet3D and Lambda3D with none and CBS. */
    public static final List<RunSpec> RUNS = List.of(
            new RunSpec("unetr", "none"), new RunSpec("unetr", "tcf"), new RunSpec("unetr", "pcf"), new RunSpec("unetr", "cbs"),
            new RunSpec("unet3d", "none"), new RunSpec("unet3d", "cbs"),
            new RunSpec("lambda3d", "none"), new RunSpec("lambda3d", "cbs"));

    /** One column: a network and a class-weight strategy. */
    public record RunSpec(String model, String strategy) {
        public String folderName() { return model + "-" + strategy; }
    }

    public static DemoPlan full() {
        return new DemoPlan("full", 16, 64, new double[] {2.25, 2.25, 3.0}, 12, 30, 48, 2, 2e-3, 1);
    }

    public static DemoPlan quick() {
        return new DemoPlan("quick", 8, 48, new double[] {3.0, 3.0, 4.0}, 8, 20, 32, 2, 2e-3, 1);
    }

    /** The training settings of one column; the rest are RunConfig's defaults (cpu presets, Dice loss). */
    public RunConfig runConfig(RunSpec spec, String dataDir) {
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
        c.setSeed(seed);
        // The paper's PCF/CBS window is not given; with few epochs a short window lets the rules act.
        c.setDelta(3);
        return c;
    }
}

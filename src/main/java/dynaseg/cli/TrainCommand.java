package dynaseg.cli;

import dynaseg.run.RunConfig;
import dynaseg.train.Trainer;
import dynaseg.run.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dynaseg train}: a new run (options over {@code --config} over the defaults; the
 * effective settings go to RUN_DIR/config.yaml) or {@code --resume RUN_DIR}.
 */
@Command(name = "train", header = "Train a network with a dynamic class-weight schedule (or resume a run).", mixinStandardHelpOptions = true,
        description = "Train a segmentation network with a dynamic class-weight schedule; writes config.yaml, "
                + "metrics.csv, events.jsonl, checkpoints/{last,best} and plots/ into the run folder after every epoch.",
        footer = {"", "Options given on the command line override --config, which overrides the defaults.",
            "", "Examples:",
            "  dynaseg synth --out data/synth --cases 20 --size 64",
            "  dynaseg train --data data/synth --out runs/unet-cbs --strategy cbs --epochs 50 --patch 64",
            "  dynaseg train --data data/btcv --out runs/unetr --model unetr --preset paper --patch 96 --device gpu",
            "  dynaseg train --data data/btcv --data data/totalseg --out runs/mix     # BTCV + TotalSegmentator, >= 6 organs",
            "  dynaseg train --config run.yaml --out runs/from-file --seed 3",
            "  dynaseg train --resume runs/unet-cbs",
            "  dynaseg train --resume runs/unet-cbs --epochs 80     # extend a finished run"})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder (MSD, nnU-Net raw, BTCV or TotalSegmentator layout); repeat to pool datasets.")
    List<Path> data;
    @Mixin DatasetSourceOptions source = new DatasetSourceOptions();
    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder of a new run (must not hold a run).")
    Path out;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its last checkpoint.")
    Path resume;
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (config.yaml keys = these options).")
    Path configFile;

    @Mixin NetworkOptions network;
    @Option(names = "--strategy", paramLabel = "STRATEGY", completionCandidates = Choices.Strategies.class,
            description = "Class-weight schedule: ${COMPLETION-CANDIDATES} (default none).") String strategy;
    @Mixin ScheduleOptions schedule;
    @Option(names = "--loss", paramLabel = "LOSS", completionCandidates = Choices.LossNames.class,
            description = "Loss: ${COMPLETION-CANDIDATES} (default dice).") String loss;
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 100); with --resume, extends the run.") Integer epochs;
    @Option(names = "--iterations-per-epoch", paramLabel = "N", description = "Steps per epoch (default 250).") Integer iterations;
    @Option(names = "--patch", split = ",", paramLabel = "P", description = "Patch size: one edge or D,H,W (default 96).") int[] patch;
    @Option(names = "--batch", description = "Patches per step (default 2).") Integer batch;
    @Option(names = "--lr", description = "Peak learning rate (default 1e-4).") Double lr;
    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", completionCandidates = Choices.LrSchedules.class,
            description = "Learning-rate decay: ${COMPLETION-CANDIDATES} (default cosine).") String lrSchedule;
    @Option(names = "--warmup-epochs", paramLabel = "N", description = "Linear warm-up epochs (default 0).") Integer warmupEpochs;
    @Option(names = "--grad-clip", paramLabel = "NORM", description = "Global gradient-norm clip, 0 = off (default 12).") Double gradClip;
    @Option(names = "--seed", description = "Random seed (default 1).") Long seed;
    @Mixin DeviceOption device;
    @Mixin TorchThreadsOption threads;
    @Option(names = "--val-fraction", paramLabel = "F", description = "Share of cases for validation when the dataset names none (default 0.2).") Double valFraction;
    @Option(names = "--test-fraction", paramLabel = "F", description = "Share of cases held out for testing: never trained on, validated on or used to pick the best epoch; scored with the best checkpoint at the end into RUN_DIR/test/ (default 0; a dataset's own test list, such as TotalSegmentator's, is used instead).") Double testFraction;
    @Option(names = "--split-seed", paramLabel = "S", description = "Seed of the case split (default: --seed); keep it fixed to repeat a run with other seeds on the same split.") Long splitSeed;
    @Option(names = "--target-spacing", split = ",", paramLabel = "X,Y,Z", description = "Resampling target in mm (default 1.5,1.5,2.0).") double[] targetSpacing;
    @Option(names = "--check-numerics", description = "Debug: check every step's network output, repeat a step whose gradients went non-finite, and print where each skipped step went non-finite (results unchanged).") boolean checkNumerics;
    @Option(names = "--cache", paramLabel = "DIR", description = "Preprocessed-case cache (default $DYNASEG_CACHE, else DATA/.dynaseg-cache, else ~/.cache/dynaseg).") Path cache;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Trainer trainer;
        if (resume != null) {
            List<String> others = givenExcept("--resume", "--epochs", "--threads", "--check-numerics");
            if (!others.isEmpty()) {
                throw new IllegalArgumentException("--resume continues a run with the settings in "
                        + resume.resolve("config.yaml") + "; only --epochs (to extend it), --threads and --check-numerics may be given, not "
                        + String.join(", ", others));
            }
            threads.apply();
            trainer = Trainer.resume(resume, epochs, System.out);
        } else {
            if (out == null) throw new IllegalArgumentException("give --out RUN_DIR for a new run, or --resume RUN_DIR");
            RunConfig config = configFile != null ? RunConfig.read(configFile) : new RunConfig();
            apply(config);
            if (config.getDataDirs().isEmpty()) throw new IllegalArgumentException("give --data DIR (or data-dirs in --config)");
            config.validate();
            TorchThreadsOption.set(config.getThreads());
            trainer = Trainer.start(config, out, System.out);
        }
        trainer.setCheckNumerics(checkNumerics);
        TrainingState state = trainer.run();
        System.out.printf(Locale.ROOT, "done: %d epochs in %s; best mean Dice %.4f at epoch %d (checkpoints/best)%n",
                state.epoch(), trainer.runDirectory().root(), state.bestDiceMean(), state.bestEpoch());
        return 0;
    }

    /** Command-line values over the config file's. */
    void apply(RunConfig c) {
        if (data != null) c.setDataDirs(data.stream().map(Path::toString).toList());
        if (source.format != null) c.setFormat(source.format.toLowerCase(Locale.ROOT));
        if (source.minOrgans != null) c.setMinOrgans(source.minOrgans);
        if (source.labelMap != null) c.setLabelMap(source.labelMap.toLowerCase(Locale.ROOT));
        if (source.strict) c.setStrict(true);
        if (network.model() != null) c.setModel(network.model());
        if (network.preset() != null) c.setPreset(network.preset());
        if (network.channels() != null) c.setUnetChannels(network.channels());
        if (strategy != null) c.setStrategy(strategy.toLowerCase(Locale.ROOT));
        schedule.applyTo(c);
        if (loss != null) c.setLoss(loss.toLowerCase(Locale.ROOT));
        if (epochs != null) c.setEpochs(epochs);
        if (iterations != null) c.setIterationsPerEpoch(iterations);
        if (patch != null) {
            if (patch.length != 1 && patch.length != 3) {
                throw new IllegalArgumentException("--patch takes one edge or D,H,W, got " + Arrays.toString(patch));
            }
            c.setPatch(patch);
        }
        if (batch != null) c.setBatch(batch);
        if (lr != null) c.setLr(lr);
        if (lrSchedule != null) c.setLrSchedule(lrSchedule.toLowerCase(Locale.ROOT));
        if (warmupEpochs != null) c.setWarmupEpochs(warmupEpochs);
        if (gradClip != null) c.setGradClip(gradClip);
        if (seed != null) c.setSeed(seed);
        if (device.name() != null) c.setDevice(device.name());
        if (threads.value() != null) c.setThreads(threads.value());
        if (cache != null) c.setCacheDir(cache.toString());
        if (valFraction != null) c.setValFraction(valFraction);
        if (testFraction != null) c.setTestFraction(testFraction);
        if (splitSeed != null) c.setSplitSeed(splitSeed);
        if (targetSpacing != null) {
            if (targetSpacing.length != 3) throw new IllegalArgumentException("--target-spacing takes X,Y,Z in mm");
            c.setTargetSpacing(targetSpacing);
        }
    }

    /** The options given on the command line, except the allowed ones. */
    private List<String> givenExcept(String... allowed) {
        List<String> ok = Arrays.asList(allowed);
        List<String> given = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!ok.contains(o.longestName())) given.add(o.longestName());
        }
        return given;
    }
}

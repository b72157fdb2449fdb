package dynaseg.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.data.sampling.Batch;
import dynaseg.data.sampling.PatchLoader;
import dynaseg.loss.Losses;
import dynaseg.loss.SegmentationLoss;
import dynaseg.schedule.ClassWeightSchedule;
import dynaseg.schedule.Schedules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.Checkpoints;
import dynaseg.run.Devices;
import dynaseg.run.TrainingState;
import dynaseg.run.MetricsLog;
import dynaseg.run.EventLog;
import dynaseg.run.NetworkFactory;

/**
 * The training loop of a run: per epoch, {@code iterations-per-epoch} guarded AdamW steps on
 * background-loaded patches with the schedule's loss weights and the warm-up + cosine/poly
 * learning rate, then sliding-window validation gives the per-organ Dice S. What follows
 * validation happens in this order:
 * <ol>
 * <li>the schedule's update: it sets the next epoch's weights from S;</li>
 * <li>the new {@link TrainingState} (with the schedule's state and those weights) and the metrics
 *     row, together an {@link EpochEnd};</li>
 * <li>the epoch-end listeners, in this order: the checkpoint (first, atomically), the run's records
 *     ({@link RunRecords}: metrics, events, plots, console table), then those added with
 *     {@link #addEpochListener}.</li>
 * </ol>
 * Steps 1 and 2 belong to the epoch, not to the listeners: the state every listener gets, and the
 * checkpoint saves, already holds the schedule's update, so a listener can never see (or save) an
 * epoch without it. A run resumes from its last checkpoint and loses at most the epoch in flight.
 * In metrics.csv, {@code lr} is the learning rate of the epoch's last step, {@code train_loss} the
 * mean of its finite step losses, {@code seconds} training plus validation, and
 * {@code weight_<organ>} the weights the schedule set for the next epoch.
 *
 * <p>For applications that embed dynaseg: {@link #setLoss} trains with a loss of their own (the
 * run's events say so), {@link #addEpochListener} sees every epoch's end and can stop the loop
 * after it (the run can then be resumed).
 *
 * <p>Determinism: the network is initialised after seeding the engine with the run's seed, the
 * engine is re-seeded at every epoch from (seed, epoch), and batches come from (seed, epoch,
 * index); so a run and a resumed run give the same metrics for the same thread count. (It also
 * needs every gradient to be independent of the garbage collector: see dynaseg.nn.Scalars.)
 */
public final class Trainer {
    /** Background threads that build batches. */
    static final int LOADER_THREADS = 2;

    private final RunConfig config;
    private final RunDirectory run;
    private final PrintStream out;
    private final boolean resuming;
    /** The caller's loss ({@link #setLoss}); null: the one config.yaml names. */
    private SegmentationLoss customLoss;
    /** Listeners after the checkpoint and the records, in the order added. */
    private final List<EpochListener> extraListeners = new ArrayList<>();
    private boolean checkNumerics;
    /** Set when the first epoch begins: from then on a failed new run keeps its folder. */
    private boolean epochsStarted;

    private Trainer(RunConfig config, RunDirectory run, PrintStream out, boolean resuming) {
        this.config = config;
        this.run = run;
        this.out = out;
        this.resuming = resuming;
    }

    /**
     * A new run into {@code runDir} (created if missing). Refuses a folder that already holds a
     * run, so finished results are never overwritten.
     */
    public static Trainer start(RunConfig config, Path runDir, PrintStream out) {
        config.validate();
        NetworkFactory.checkPatch(config);
        Devices.of(config);
        RunDirectory run = new RunDirectory(runDir);
        if (Files.exists(run.config()) || Files.exists(run.metrics()) || Files.exists(run.checkpoints())) {
            throw new IllegalArgumentException(run.root() + " already holds a run; continue it with --resume "
                    + run.root() + " or choose another --out");
        }
        return new Trainer(config.copy(), run, out, false);
    }

    /**
     * Continues the run in {@code runDir} from its config.yaml and last checkpoint;
     * {@code epochs}, when not null, extends (or shortens) the run to that many epochs.
     */
    public static Trainer resume(Path runDir, Integer epochs, PrintStream out) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        RunConfig config = run.readConfig("holds no run to resume");
        if (epochs != null) {
            config.setEpochs(epochs);
            config.validate();
        }
        NetworkFactory.checkPatch(config);
        Devices.of(config);
        return new Trainer(config, run, out, true);
    }

    /**
     * Trains with {@code loss} instead of the loss config.yaml names ({@code loss},
     * {@code include-background}): for an application that uses dynaseg as a library and brings a
     * loss of its own (it gets the network's logits, the labels and the schedule's class weights).
     * config.yaml keeps its own loss, so the run's events record the custom one: a
     * {@code custom_loss} event (its class and {@link SegmentationLoss#name}) after the
     * {@code start} or {@code resume} event of every part of the run trained with it, and a console
     * line. A resume without this call trains on with config.yaml's loss.
     */
    public void setLoss(SegmentationLoss loss) {
        // Why a public setter that takes an object, and a record of it, rather than a test-only hook
        // or a name in config.yaml: users of nnU-Net bring a custom loss as code (a trainer subclass
        // overriding _build_loss, chosen with -tr) and users of MONAI pass one (SupervisedTrainer's
        // loss_function); neither registers a name first. nnU-Net puts the trainer class in the
        // results folder's name so that a result says what trained it; here the events do that.
        this.customLoss = Objects.requireNonNull(loss, "loss");
    }

    /**
     * Adds a listener of every epoch's end, called after the checkpoint and the run's records in the
     * order added (see {@link EpochListener}); its {@link EpochListener#stopAfter} can end the loop
     * after an epoch, as a killed process would, so that the run can be resumed later.
     */
    public void addEpochListener(EpochListener listener) {
        extraListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * --check-numerics: a debug switch that changes no result: every step's network output is
     * checked, a step with non-finite gradients is repeated to tell a kernel fault from a
     * divergence, and each skipped step is printed with where it went non-finite.
     */
    public void setCheckNumerics(boolean on) {
        this.checkNumerics = on;
    }

    public RunConfig config() { return config.copy(); }
    public RunDirectory runDirectory() { return run; }

    /**
     * Trains until {@code epochs} are done and returns the final state. A new run opens its data
     * before it writes anything, and a failure before its first epoch takes back what it wrote
     * ({@link NewRunFolder}), so that the corrected command can use the same {@code --out}.
     */
    public TrainingState run() throws IOException {
        if (resuming) {
            RunDirectory.create(run.root());
            run.recover();
            return train(TrainingData.open(config, out));
        }
        TrainingData data = TrainingData.open(config, out);
        NewRunFolder folder = NewRunFolder.create(run);
        try {
            return train(data);
        } catch (Throwable e) {
            // A failure inside an epoch keeps its records (events.jsonl says where it went non-finite).
            if (!epochsStarted) {
                try {
                    folder.discard();
                } catch (IOException | RuntimeException d) {
                    e.addSuppressed(d);
                }
            }
            throw e;
        }
    }

    private TrainingState train(TrainingData data) throws IOException {
        if (config.getOrgans().isEmpty()) config.setOrgans(data.organs());
        if (!resuming || !RunConfig.read(run.config()).equals(config)) config.write(run.config());
        RunRecords records = new RunRecords(run, data.organs(), out);
        Checkpoints checkpoints = new Checkpoints(run);
        int numClasses = data.classCount();
        Device device = Devices.of(config);
        Engine.getInstance().setRandomSeed(seedFor(config.getSeed(), 0));
        try (NDManager manager = NDManager.newBaseManager(device);
                PatchLoader loader = data.loader(config, LOADER_THREADS)) {
            Block network = NetworkFactory.create(config, numClasses);
            NetworkFactory.initialize(network, manager, config);
            AdamW optimizer = new AdamW((float) config.getLr(), (float) config.getWeightDecay());
            ClassWeightSchedule schedule = Schedules.create(config.getStrategy(), numClasses - 1, config.scheduleSettings(data::prevalence));
            String hash = TrainingState.hashOf(config);
            TrainingState state = new TrainingState(0, 0, Double.NaN, 0, schedule.saveState(), schedule.weights(), 0,
                    hash, null);
            Optional<TrainingState> saved = resuming ? checkpoints.lastState() : Optional.empty();
            if (saved.isPresent()) {
                state = checkpoints.loadLast(network, optimizer, manager);
                schedule.restoreState(state.schedule());
                if (!hash.equals(state.configHash())) {
                    out.println("warning: " + run.config() + " differs from the settings the checkpoint was made with");
                }
                checkpoints.repairBest(state);
            }
            String repaired = records.repair(state);
            if (repaired != null) out.println(repaired);
            records.events().log(resuming ? "resume" : "start", "epoch", state.epoch(), "epochs", config.getEpochs(),
                    "model", config.getModel(), "strategy", config.getStrategy(), "seed", config.getSeed(),
                    "training_cases", data.training().size(), "validation_cases", data.validation().size(),
                    "device", device.toString());
            out.printf(Locale.ROOT, "%s %s: %s (%s), %d classes, strategy %s, epochs %d..%d of %d iterations%n",
                    resuming ? "resuming" : "training", run.root(), config.getModel(), config.getPreset(), numClasses,
                    config.getStrategy(), state.epoch() + 1, config.getEpochs(), config.getIterationsPerEpoch());

            OptimizationStep step = new OptimizationStep(network, optimizer, loss(records.events(), state.epoch()),
                    manager, config.getGradClip());
            step.setCheckNumerics(checkNumerics);
            Epochs epochs = new Epochs(network, manager, step, schedule, loader, data, records.events());
            // 3. after each epoch's update and state (Epochs.run): the checkpoint first (atomically), then
            // the records (a crash leaves them behind it, never ahead), then the caller's listeners
            List<EpochListener> listeners = new ArrayList<>();
            listeners.add(end -> {
                checkpoints.writeLast(network, optimizer, end.state());
                if (end.best()) checkpoints.copyLastToBest();
            });
            listeners.add(end -> records.epochDone(end.row(), end.weightsUsed(), end.best(), end.nonFiniteSteps()));
            listeners.addAll(extraListeners);
            epochsStarted = true;
            for (int epoch = state.epoch() + 1; epoch <= config.getEpochs(); epoch++) {
                EpochEnd end = epochs.run(epoch, state);
                state = end.state();
                boolean stop = false;
                for (EpochListener l : listeners) {
                    l.epochEnded(end);
                    stop |= l.stopAfter(end);
                }
                if (stop) return state;
            }
            if (!data.test().isEmpty()) {
                double testDice = TestScoring.run(run, data.test(), data.organs(), out);
                records.events().log("test", "cases", data.test().size(), "checkpoint", RunDirectory.BEST,
                        "mean_dice", testDice);
            }
            records.events().log("end", "epoch", state.epoch(), "best_epoch", state.bestEpoch(),
                    "best_dice_mean", state.bestDiceMean(), "nonfinite_steps", state.nonFiniteSteps());
            if (state.nonFiniteSteps() > 0) {
                out.printf(Locale.ROOT, "warning: %s skipped %d of %d training steps (non-finite loss or gradients; "
                        + "see the nonfinite_* events in %s): its results are not those of an undisturbed run%n",
                        run.root(), state.nonFiniteSteps(), state.iterations(), run.events());
            }
            return state;
        } catch (TrainingAbortedException e) {
            new EventLog(run.events()).log("end", "status", "stopped", "reason", e.getMessage());
            throw e;
        }
    }

    /** The loss config.yaml names, or the caller's ({@link #setLoss}), which the events and the console record. */
    private SegmentationLoss loss(EventLog events, int epoch) throws IOException {
        if (customLoss == null) return Losses.create(config.getLoss(), config.isIncludeBackground());
        events.log("custom_loss", "epoch", epoch, "class", customLoss.getClass().getName(), "name", customLoss.name(),
                "include_background", customLoss.includeBackground(), "config_loss", config.getLoss());
        out.printf(Locale.ROOT, "loss: %s (%s), set by the caller instead of config.yaml's %s%n", customLoss.name(),
                customLoss.getClass().getName(), config.getLoss());
        return customLoss;
    }

    /**
     * What every epoch of a run works with: made once when the loop starts, from what the loop also
     * uses (the network and its manager, the step, the schedule, the batches, the cases, the events)
     * and what only the epochs use (learning rates, validation, the non-finite guard).
     */
    private final class Epochs {
        private final Block network;
        private final NDManager manager;
        private final OptimizationStep step;
        private final ClassWeightSchedule schedule;
        private final PatchLoader loader;
        private final TrainingData data;
        private final EventLog events;
        private final LearningRateSchedule lrs = LearningRateSchedule.of(config);
        private final Validator validator;
        private final NonFiniteGuard guard = new NonFiniteGuard();

        Epochs(Block network, NDManager manager, OptimizationStep step, ClassWeightSchedule schedule, PatchLoader loader,
                TrainingData data, EventLog events) {
            this.network = network;
            this.manager = manager;
            this.step = step;
            this.schedule = schedule;
            this.loader = loader;
            this.data = data;
            this.events = events;
            this.validator = Validator.of(config, data.classCount());
        }

        /**
         * One epoch: the training steps and validation, then (steps 1 and 2 of {@link Trainer}) the
         * schedule's update and the new state; the listeners take it from there.
         */
        EpochEnd run(int epoch, TrainingState previous) throws IOException {
            long start = System.nanoTime();
            int iterations = config.getIterationsPerEpoch();
            Engine.getInstance().setRandomSeed(seedFor(config.getSeed(), epoch));
            guard.startEpoch(iterations, previous.nonFiniteSteps());
            double[] weightsUsed = schedule.weights();
            float[] channelWeights = schedule.channelWeights();
            long first = previous.iterations();
            double meanLoss;
            Iterator<Batch> batches = loader.epoch(epoch, iterations);
            try (EpochProgress progress = EpochProgress.start(epoch, config.getEpochs(), iterations, out, EpochProgress.Mode.AUTO)) {
                for (int i = 0; i < iterations; i++) {
                    OptimizationStep.Result r = step.run(batches.next(), channelWeights, lrs.at(first + i));
                    progress.step(r.applied() ? r.loss() : Double.NaN);
                    if (r.applied()) {
                        guard.finite();
                    } else {
                        logSkipped(events, epoch, i + 1, r);
                        guard.nonFinite(epoch, i + 1, r.nonFinite().gradient());
                    }
                }
                meanLoss = progress.meanLoss();
            }
            double[] dice = validator.foregroundDice(network, manager, data.validation());
            // 1. the schedule's update: the next epoch's weights
            double[] weights = schedule.update(epoch, dice);
            // 2. the metrics row and the state, which saves the schedule as updated
            MetricsLog.Row row = MetricsLog.Row.of(epoch, meanLoss, lrs.at(first + iterations - 1),
                    (System.nanoTime() - start) / 1e9, dice, weights);
            boolean best = !Double.isNaN(row.diceMean())
                    && (Double.isNaN(previous.bestDiceMean()) || row.diceMean() > previous.bestDiceMean());
            TrainingState state = new TrainingState(epoch, first + iterations,
                    best ? row.diceMean() : previous.bestDiceMean(), best ? epoch : previous.bestEpoch(),
                    schedule.saveState(), weights, guard.total(), previous.configHash(), row);
            return new EpochEnd(state, row, weightsUsed, best, guard.inEpoch());
        }
    }

    /** The event of a skipped step (nonfinite_loss or nonfinite_gradient); with --check-numerics also a console line. */
    private void logSkipped(EventLog events, int epoch, int step, OptimizationStep.Result r) throws IOException {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("epoch", epoch);
        fields.put("step", step);
        fields.put("loss", r.loss());
        fields.put("grad_norm", r.gradNorm());
        fields.putAll(r.nonFinite().eventFields());
        events.log(r.nonFinite().eventName(), fields);
        if (checkNumerics) out.printf(Locale.ROOT, "epoch %d step %d skipped: %s%n", epoch, step, r.nonFinite().describe());
    }

    /** The engine seed of an epoch (0 = network initialisation), from the run's seed alone. */
    static int seedFor(long seed, int epoch) {
        return (int) (PatchLoader.rngFor(seed, -1 - epoch, 0).nextLong() & 0x7fffffff);
    }
}

package dynaseg.spark;

import dynaseg.run.Checkpoints;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.train.EpochListener;
import dynaseg.train.Trainer;
import dynaseg.run.TrainingState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run of {@code dynaseg sweep}: a config (the YAML text of a config.yaml) and a run folder. A
 * folder without a run gets a new one ({@code dynaseg train}); a folder with the same settings is
 * resumed ({@code dynaseg train --resume}) or, when finished, reused; a folder with other settings
 * is refused, so finished results are never overwritten. A task that wraps this one can watch
 * the run's epochs with {@link #run(int, PrintStream, List)}.
 */
public record ConfigRunTask(String dir, String configYaml, String source) implements SweepTask {
    private static final long serialVersionUID = 1L;

    @Override
    public SweepResult run(int attempt, PrintStream out) throws Exception {
        return run(attempt, out, List.of());
    }

    /**
     * As {@link #run(int, PrintStream)}, with {@code listeners} added to the run's trainer
     * ({@link Trainer#addEpochListener}). The task is shipped to another JVM without them, so a
     * task that wants them wraps this one and makes them in its own {@code run}. A listener that
     * stops the loop before the run's last epoch makes this attempt fail (the next one resumes).
     */
    public SweepResult run(int attempt, PrintStream out, List<? extends EpochListener> listeners) throws Exception {
        long start = System.nanoTime();
        Path folder = Path.of(dir);
        RunDirectory run = new RunDirectory(folder);
        RunConfig planned = RunConfig.parse(configYaml, source);
        Trainer trainer;
        SweepResult.Status status;
        if (!Files.exists(run.config())) {
            trainer = Trainer.start(planned, folder, out);
            status = SweepResult.Status.TRAINED;
        } else {
            RunConfig existing = RunConfig.read(run.config());
            if (planned.getOrgans().isEmpty()) existing.setOrgans(List.of());
            if (!existing.equals(planned)) {
                throw new IllegalArgumentException(dir + " holds a run with other settings than " + source
                        + "; move it away or give the run another out folder (finished results are never overwritten)");
            }
            Optional<TrainingState> last = new Checkpoints(run).lastState();
            boolean scored = planned.getTestFraction() == 0 || Files.isRegularFile(run.testEvaluation());
            if (last.isPresent() && last.get().epoch() >= planned.getEpochs() && scored) {
                return new SweepResult(dir, SweepResult.Status.REUSED, "finished before", 0, attempt);
            }
            trainer = Trainer.resume(folder, null, out);
            status = SweepResult.Status.RESUMED;
        }
        listeners.forEach(trainer::addEpochListener);
        TrainingState state = trainer.run();
        if (state.epoch() < planned.getEpochs()) {
            throw new IllegalStateException(dir + ": the run stopped at epoch " + state.epoch() + " of " + planned.getEpochs());
        }
        return new SweepResult(dir, status, "epoch " + state.epoch() + ", best " + state.bestEpoch(),
                (System.nanoTime() - start) / 1e9, attempt);
    }
}

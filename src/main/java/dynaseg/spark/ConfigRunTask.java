package dynaseg.spark;

import dynaseg.run.Checkpoints;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
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
 * is refused, so finished results are never overwritten.
 *
 * <p>Tests: the system property {@value #KILL_AFTER_EPOCH} = N makes a first attempt stop after
 * epoch N as if the process had been killed there (the retry resumes).
 */
public record ConfigRunTask(String dir, String configYaml, String source) implements SweepTask {
    private static final long serialVersionUID = 1L;

    /** Tests only: a first attempt stops after this epoch, as if killed. */
    public static final String KILL_AFTER_EPOCH = "dynaseg.test.killAfterEpoch";

    @Override
    public SweepResult run(int attempt, PrintStream out) throws Exception {
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
        String kill = System.getProperty(KILL_AFTER_EPOCH);
        if (kill != null && attempt == 0) trainer.setStopAfterEpoch(Integer.parseInt(kill));
        TrainingState state = trainer.run();
        if (state.epoch() < planned.getEpochs()) {
            throw new IllegalStateException(dir + ": the run stopped at epoch " + state.epoch() + " of " + planned.getEpochs());
        }
        return new SweepResult(dir, status, "epoch " + state.epoch() + ", best " + state.bestEpoch(),
                (System.nanoTime() - start) / 1e9, attempt);
    }
}

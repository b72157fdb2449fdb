package dynaseg.spark;

import dynaseg.demo.DemoPlan;
import dynaseg.demo.PaperExperiment;
import dynaseg.run.Checkpoints;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One column (and run seed) of {@code dynaseg demo --spark}: {@link PaperExperiment#trainOne}, which
 * trains, resumes or reuses the run and exports its best checkpoint, exactly as the sequential demo.
 */
public record DemoRunTask(String planName, String outDir, long firstSeed, int seeds, int index, String dir)
        implements SweepTask {
    private static final long serialVersionUID = 1L;

    static DemoPlan plan(String name) {
        return switch (name) {
            case "quick" -> DemoPlan.quick();
            case "full" -> DemoPlan.full();
            default -> throw new IllegalArgumentException("no demo plan named " + name);
        };
    }

    @Override
    public SweepResult run(int attempt, PrintStream out) throws Exception {
        long start = System.nanoTime();
        DemoPlan plan = plan(planName);
        PaperExperiment experiment = new PaperExperiment(plan, Path.of(outDir), out, firstSeed, seeds);
        PaperExperiment.PlannedRun r = experiment.plannedRuns().get(index);
        RunDirectory run = new RunDirectory(r.dir());
        SweepResult.Status status = SweepResult.Status.TRAINED;
        if (Files.exists(run.config())) {
            Optional<TrainingState> last = new Checkpoints(run).lastState();
            status = last.isPresent() && last.get().epoch() >= plan.epochs() ? SweepResult.Status.REUSED : SweepResult.Status.RESUMED;
        }
        experiment.trainOne(r);
        return new SweepResult(dir, status, r.spec().model() + ", strategy " + r.spec().strategy() + ", seed " + r.seed(),
                (System.nanoTime() - start) / 1e9, attempt);
    }
}

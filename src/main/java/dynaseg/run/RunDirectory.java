package dynaseg.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dynaseg.io.AtomicFiles;

/**
 * The layout of one training run's folder (nnU-Net style: the folder alone describes and
 * resumes the run):
 * <pre>
 * run/
 *   config.yaml          everything needed to rerun ({@link RunConfig})
 *   metrics.csv          one row per epoch ({@link MetricsLog})
 *   events.jsonl         one JSON object per line ({@link EventLog})
 *   checkpoints/last/    latest epoch: files written by the trainer (model.params, optimizer.bin, state.json ...)
 *   checkpoints/best/    epoch with the best mean validation Dice, same files
 *   plots/dice.png       per-organ validation Dice over epochs ({@link TrainingPlots})
 *   plots/weights.png    per-organ loss weights over epochs
 * </pre>
 * Checkpoint directories are replaced with {@link AtomicFiles#writeDirectory}; call
 * {@link #recover()} once when opening an existing run so that a crash's leftovers are resolved.
 */
public final class RunDirectory {
    public static final String LAST = "last";
    public static final String BEST = "best";

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Creates the folder and its {@code checkpoints/} and {@code plots/} subfolders if missing. */
    public static RunDirectory create(Path root) throws IOException {
        RunDirectory run = new RunDirectory(root);
        Files.createDirectories(run.checkpoints());
        Files.createDirectories(run.plots());
        return run;
    }

    public Path root() { return root; }
    public Path config() { return root.resolve("config.yaml"); }
    public Path metrics() { return root.resolve("metrics.csv"); }
    public Path events() { return root.resolve("events.jsonl"); }
    public Path checkpoints() { return root.resolve("checkpoints"); }
    public Path lastCheckpoint() { return checkpoint(LAST); }
    public Path bestCheckpoint() { return checkpoint(BEST); }
    public Path plots() { return root.resolve("plots"); }
    /** Held-out test predictions and scores ({@code test/evaluation.json}), written after training. */
    public Path testDir() { return root.resolve("test"); }
    /** The held-out test scores of the best checkpoint, as {@code dynaseg evaluate --json} writes them. */
    public Path testEvaluation() { return testDir().resolve("evaluation.json"); }
    public Path dicePlot() { return plots().resolve("dice.png"); }
    public Path weightsPlot() { return plots().resolve("weights.png"); }

    /** {@code checkpoints/<name>/}. */
    public Path checkpoint(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("bad checkpoint name '" + name + "'");
        }
        return checkpoints().resolve(name);
    }

    /** True when the folder holds a run that can be resumed (a config and a last checkpoint). */
    public boolean hasRun() {
        return Files.isRegularFile(config()) && (Files.isDirectory(lastCheckpoint())
                || Files.isDirectory(checkpoints().resolve(LAST + AtomicFiles.OLD_SUFFIX)));
    }

    /**
     * Resolves what a killed process left behind: half-swapped checkpoint directories go back
     * to a complete version, temporary files are deleted. Safe to call on a fresh folder.
     */
    public void recover() throws IOException {
        AtomicFiles.recoverDirectory(lastCheckpoint());
        AtomicFiles.recoverDirectory(bestCheckpoint());
        AtomicFiles.deleteLeftoverTempFiles(root);
        AtomicFiles.deleteLeftoverTempFiles(plots());
        AtomicFiles.deleteLeftoverTempFiles(checkpoints());
    }

    /** The complete {@code checkpoints/last/} after {@link #recover()}, or empty before the first epoch ended. */
    public Optional<Path> existingLastCheckpoint() throws IOException {
        return AtomicFiles.recoverDirectory(lastCheckpoint());
    }

    /** The complete {@code checkpoints/best/}, or empty. */
    public Optional<Path> existingBestCheckpoint() throws IOException {
        return AtomicFiles.recoverDirectory(bestCheckpoint());
    }

    /** Replaces {@code checkpoints/<name>/} atomically with what {@code writer} puts in a fresh directory. */
    public void writeCheckpoint(String name, AtomicFiles.DirectoryWriter writer) throws IOException {
        AtomicFiles.writeDirectory(checkpoint(name), writer);
    }

    /** {@code checkpoints/best/} := a copy of {@code checkpoints/last/}, atomically. */
    public void copyLastToBest() throws IOException {
        AtomicFiles.copyDirectory(lastCheckpoint(), bestCheckpoint());
    }

    /**
     * {@code checkpoints/<name>/} ("best" or "last") for reading only: the folder if complete, else
     * the ".old" copy a trainer leaves for a moment while it swaps in a new one, so that a run that
     * is still training can be used; nothing is repaired. Errors say which checkpoints exist.
     */
    public Path readableCheckpoint(String name) throws IOException {
        if (!BEST.equals(name) && !LAST.equals(name)) {
            throw new IllegalArgumentException("checkpoint must be 'best' or 'last', got '" + name + "'");
        }
        Path dir = checkpoint(name);
        if (Files.isRegularFile(dir.resolve(Checkpoints.MODEL))) return dir;
        Path old = dir.resolveSibling(dir.getFileName() + AtomicFiles.OLD_SUFFIX);
        if (Files.isRegularFile(old.resolve(Checkpoints.MODEL))) return old;
        String other = BEST.equals(name) ? LAST : BEST;
        boolean otherExists = Files.isRegularFile(checkpoint(other).resolve(Checkpoints.MODEL));
        throw new IOException(dir + ": no checkpoint (" + Checkpoints.MODEL + " missing)"
                + (otherExists ? "; use --checkpoint " + other : "; the run has not finished an epoch yet"));
    }

    /**
     * The run's config.yaml, read and checked; a folder without one is refused with one line saying
     * what the folder is not ({@code whatFor}: "is not a training run folder", "holds no run to
     * resume"), pointing to {@code --model} when the path looks like an exported model.
     */
    public RunConfig readConfig(String whatFor) throws IOException {
        if (!Files.isRegularFile(config())) {
            boolean zip = root.getFileName() != null && root.getFileName().toString().endsWith(".zip");
            throw new IOException(config() + ": no such file; " + root + " " + whatFor
                    + (zip ? " (an exported model is given with --model)" : ""));
        }
        return RunConfig.read(config());
    }

    @Override
    public String toString() { return root.toString(); }
}

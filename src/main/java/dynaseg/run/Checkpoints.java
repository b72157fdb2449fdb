package dynaseg.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.nn.Networks;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's checkpoints: {@code checkpoints/last/} after every epoch and {@code checkpoints/best/}
 * (a copy of last) whenever the mean validation Dice improves. Each is a directory of
 * {@value #MODEL} (network parameters, {@link Networks#save}), {@value #OPTIMIZER} ({@link OptimizerState#save})
 * and {@value TrainingState#FILE_NAME}, replaced as a whole with {@link AtomicFiles#writeDirectory}
 * so a kill -9 leaves the previous or the new checkpoint, never a mix.
 */
public final class Checkpoints {
    public static final String MODEL = "model.params";
    public static final String OPTIMIZER = "optimizer.bin";

    private final RunDirectory run;

    public Checkpoints(RunDirectory run) {
        this.run = run;
    }

    /** Replaces {@code checkpoints/last/} with the network, optimizer and state of a finished epoch. */
    public void writeLast(Block network, OptimizerState optimizer, TrainingState state) throws IOException {
        run.writeCheckpoint(RunDirectory.LAST, dir -> {
            Networks.save(network, dir.resolve(MODEL));
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(OPTIMIZER))))) {
                optimizer.save(out);
            }
            state.write(dir.resolve(TrainingState.FILE_NAME));
        });
    }

    /** {@code checkpoints/best/} := {@code checkpoints/last/}. */
    public void copyLastToBest() throws IOException {
        run.copyLastToBest();
    }

    /** The state of {@code checkpoints/last/} (after crash recovery), or empty before the first epoch ended. */
    public Optional<TrainingState> lastState() throws IOException {
        Optional<Path> dir = run.existingLastCheckpoint();
        return dir.isPresent() ? Optional.of(TrainingState.read(dir.get().resolve(TrainingState.FILE_NAME))) : Optional.empty();
    }

    /** The state of {@code checkpoints/best/}, or empty. */
    public Optional<TrainingState> bestState() throws IOException {
        Optional<Path> dir = run.existingBestCheckpoint();
        return dir.isPresent() ? Optional.of(TrainingState.read(dir.get().resolve(TrainingState.FILE_NAME))) : Optional.empty();
    }

    /**
     * Loads {@code checkpoints/last/} into an initialised network of the run's settings and into
     * the optimizer (its moments go to {@code manager}); returns the state.
     */
    public TrainingState loadLast(Block network, OptimizerState optimizer, NDManager manager) throws IOException {
        Path dir = run.existingLastCheckpoint()
                .orElseThrow(() -> new IOException(run.lastCheckpoint() + ": no checkpoint to resume from"));
        TrainingState state = TrainingState.read(dir.resolve(TrainingState.FILE_NAME));
        Networks.load(network, dir.resolve(MODEL), manager);
        Path opt = dir.resolve(OPTIMIZER);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(opt)))) {
            optimizer.load(in, manager);
        } catch (IOException e) {
            throw new IOException(opt + ": " + e.getMessage(), e);
        }
        return state;
    }

    /**
     * After a crash between writing last and copying it to best, best is stale: when the last
     * state says its own epoch is the best one and best holds another epoch, copy again.
     * Returns true when it repaired.
     */
    public boolean repairBest(TrainingState last) throws IOException {
        if (last.bestEpoch() != last.epoch() || last.epoch() == 0) return false;
        Optional<TrainingState> best = bestState();
        if (best.isPresent() && best.get().epoch() == last.epoch()) return false;
        copyLastToBest();
        return true;
    }

    /**
     * Label names by value: "background" + the run's organs; a config without organs (older runs)
     * takes their count from the checkpoint's state and names them label_1, label_2, ...
     */
    public static List<String> classNames(RunConfig config, Path checkpoint) throws IOException {
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
}

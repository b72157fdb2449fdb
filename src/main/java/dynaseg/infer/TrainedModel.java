package dynaseg.infer;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.export.ModelArchive;
import dynaseg.nn.Networks;
import dynaseg.run.Checkpoints;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link Predictor}'s network comes from: a run folder's checkpoint or an exported model.zip.
 * Both give the same three things (the run config, the label names, the weights), so the same
 * checkpoint predicts the same label maps, voxel for voxel, whichever way it is handed over.
 *
 * @param origin the checkpoint folder or the zip, for messages
 */
record TrainedModel(RunConfig config, List<String> classNames, Path origin, WeightsLoader weights) {
    /** Reads the weights into a network built and initialised for {@link #config}. */
    @FunctionalInterface
    interface WeightsLoader {
        void load(Block network, NDManager manager) throws IOException;
    }

    /** {@code checkpoints/<checkpoint>} of the run in {@code runDir}. */
    static TrainedModel fromRun(Path runDir, String checkpoint) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        RunConfig config = run.readConfig("is not a training run folder");
        Path dir = run.readableCheckpoint(checkpoint);
        Path params = dir.resolve(Checkpoints.MODEL);
        return new TrainedModel(config, Checkpoints.classNames(config, dir), dir,
                (net, manager) -> Networks.load(net, params, manager));
    }

    /** A model.zip written by {@code dynaseg export}, checked (format, version, checksums) before use. */
    static TrainedModel fromArchive(Path zip) throws IOException {
        ModelArchive archive = ModelArchive.read(zip);
        byte[] weights = archive.weights();
        return new TrainedModel(archive.config(), archive.classNames(), zip,
                (net, manager) -> Networks.load(net, new ByteArrayInputStream(weights), archive.weightsSource(), manager));
    }

    void loadWeights(Block network, NDManager manager) throws IOException {
        weights.load(network, manager);
    }
}

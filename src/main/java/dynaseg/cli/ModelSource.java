package dynaseg.cli;

import dynaseg.infer.Predictor;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where predict's network comes from: exactly one of a run folder and an exported model; a picocli argument group. */
final class ModelSource {
    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "training run folder (config.yaml, checkpoints/)")
    Path run;

    @Option(names = "--model", required = true, paramLabel = "MODEL_ZIP", description = "a model file written by dynaseg export")
    Path model;

    /**
     * Refuses a --checkpoint given with --model: a model.zip holds the one checkpoint it was
     * exported from, and taking the option without using it would let a user believe it chose one.
     */
    void check(CheckpointOption checkpoint) {
        if (model != null && checkpoint.given()) {
            throw new IllegalArgumentException("--checkpoint goes with --run: a model.zip holds one checkpoint, the one it was "
                    + "exported from ('dynaseg info " + model + "' shows which)");
        }
    }

    /** A predictor of the run's checkpoint, or of the model file. */
    Predictor.Builder predictor(CheckpointOption checkpoint) {
        check(checkpoint);
        return model != null ? Predictor.fromModel(model) : Predictor.builder(run).optCheckpoint(checkpoint.name());
    }
}

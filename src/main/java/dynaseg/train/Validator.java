package dynaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.eval.DiceScore;
import dynaseg.infer.SlidingWindowInference;
import java.util.ArrayList;
import java.util.List;
import dynaseg.run.RunConfig;

/**
 * The validation of an epoch: sliding-window inference ({@link SlidingWindowInference}, Gaussian
 * blending, the training patch) over each whole validation case with the network in inference
 * mode, per-class Dice per case ({@link DiceScore}), mean over the cases that contain the class.
 * The result is S of the schedules: one value per foreground class, NaN for a class absent from
 * every validation case. Each window batch runs in its own child manager (memory stays flat).
 */
public final class Validator {
    private final SlidingWindowInference inference;
    private final int classCount;

    public Validator(int[] patch, double overlap, boolean mirroring, int classCount) {
        this.inference = SlidingWindowInference.builder().setPatch(patch).optOverlap(overlap).optMirroring(mirroring).build();
        this.classCount = classCount;
    }

    public static Validator of(RunConfig config, int classCount) {
        return new Validator(config.getPatch(), config.getValOverlap(), config.isValMirroring(), classCount);
    }

    /** Per-foreground-class Dice (length C-1) over the cases. */
    public double[] foregroundDice(Block network, NDManager manager, List<PreprocessedCase> cases) {
        ParameterStore ps = new ParameterStore(manager, false);
        List<double[]> perCase = new ArrayList<>();
        for (PreprocessedCase c : cases) {
            byte[] predicted = inference.predict(manager, c.image(), x -> forward(network, ps, x)).labels();
            perCase.add(DiceScore.perClass(predicted, c.labels().labels(), classCount));
        }
        return DiceScore.foreground(DiceScore.meanOverCases(perCase));
    }

    private static NDArray forward(Block network, ParameterStore ps, NDArray x) {
        return network.forward(ps, new NDList(x), false).singletonOrThrow();
    }
}

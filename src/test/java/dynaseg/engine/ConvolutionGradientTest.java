package dynaseg.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operation behind the non-finite gradients on AMD Zen 5 (issue 12): a 3x3x3 convolution
 * with 8 channels in and out at 32^3, batch 2, on the test JVM's 2 intra-op threads, forward and
 * backward again and again. Under oneDNN's AVX-512 kernel there, 16 to 44 of 100 repetitions gave a
 * non-finite input gradient; with the engine set up as dynaseg sets it up ({@link OneDnnIsaCap},
 * applied to every test class), none may. The first repetition is also checked against the same
 * convolution in float64, which libtorch computes on another path (no oneDNN).
 */
@Tag("slow")
class ConvolutionGradientTest {
    static final int REPETITIONS = 60;

    @Test
    void inputAndWeightGradientsAreFiniteEveryTime() {
        int badInput = 0, badWeight = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            for (int r = 0; r < REPETITIONS; r++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.randomNormal(new Shape(2, 8, 32, 32, 32));
                    NDArray w = s.randomNormal(new Shape(8, 8, 3, 3, 3)).mul(0.1f);
                    NDArray dy = s.randomNormal(new Shape(2, 8, 32, 32, 32));
                    NDArray[] g = gradients(x, w, dy);
                    if (!finite(g[0])) badInput++;
                    if (!finite(g[1])) badWeight++;
                    if (r == 0) {
                        NDArray[] ref = gradients(x.toType(DataType.FLOAT64, true), w.toType(DataType.FLOAT64, true),
                                dy.toType(DataType.FLOAT64, true));
                        assertEquals(0, maxAbsDiff(g[0], ref[0]), 1e-4, "input gradient vs float64");
                        assertEquals(0, maxAbsDiff(g[1], ref[1]) / ref[1].abs().max().getDouble(), 1e-5, "weight gradient vs float64");
                    }
                }
            }
        }
        assertTrue(badInput == 0 && badWeight == 0, "non-finite gradients in " + badInput + " (input) and " + badWeight
                + " (weight) of " + REPETITIONS + " repetitions; oneDNN cap: " + OneDnnIsaCap.applied());
    }

    /** d(sum(conv(x, w) * dy)) / dx and / dw. */
    private static NDArray[] gradients(NDArray x, NDArray w, NDArray dy) {
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = Conv3d.conv3d(x, w, null, new Shape(1, 1, 1), new Shape(1, 1, 1), new Shape(1, 1, 1), 1)
                    .singletonOrThrow();
            gc.backward(y.mul(dy).sum());
        }
        return new NDArray[] {x.getGradient(), w.getGradient()};
    }

    private static boolean finite(NDArray a) {
        return !a.isNaN().any().getBoolean() && !a.isInfinite().any().getBoolean();
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT64, false).sub(b).abs().max().getDouble();
    }
}

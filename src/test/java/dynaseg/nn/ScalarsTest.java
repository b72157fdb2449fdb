package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dynaseg.testutil.NativeMemoryChurn;
import org.junit.jupiter.api.Test;

/**
 * Products with a constant keep their gradient when memory is collected between forward and
 * backward. With DJL's own {@code x.mul(0.125)} this test fails: the gradient comes out 0 or
 * garbage in most repetitions (measured 167 of 200).
 */
class ScalarsTest {
    @Test
    void valuesAreTheProductAndQuotient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 3});
            assertArrayEquals(new float[] {0.5f, -1f, 1.5f}, Scalars.times(x, 0.5).toFloatArray());
            assertArrayEquals(new float[] {0.25f, -0.5f, 0.75f}, Scalars.dividedBy(x, 4).toFloatArray());
        }
    }

    @Test
    void gradientSurvivesGarbageCollectionBetweenForwardAndBackward() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int rep = 0; rep < 20; rep++) {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.ones(new ai.djl.ndarray.types.Shape(4));
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = Scalars.dividedBy(Scalars.times(x, 0.5), 4).sum();
                        NativeMemoryChurn.run();
                        gc.backward(y);
                    }
                    assertArrayEquals(new float[] {0.125f, 0.125f, 0.125f, 0.125f}, x.getGradient().toFloatArray(),
                            "repetition " + rep);
                }
            }
        }
    }
}

package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.nn.UNet3D;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.TrainingState;
import dynaseg.run.MetricsLog;

/** TrainingState round trip (NaN included) and global-norm gradient clipping against a naive sum. */
class CheckpointPartsTest {
    @TempDir
    Path tmp;

    @Test
    void stateRoundTripsWithNaN() throws Exception {
        MetricsLog.Row row = MetricsLog.Row.of(3, 0.5, 1e-4, 2.0, new double[] {0.9, Double.NaN}, new double[] {0.1, 1.0});
        TrainingState s = new TrainingState(3, 30, 0.9, 2, new ObjectMapper().readTree("{\"rule\":\"pcf\",\"u\":2}"),
                new double[] {0.1, 1.0}, 4, "abc", row);
        Path f = tmp.resolve("state.json");
        s.write(f);
        TrainingState back = TrainingState.read(f);
        assertEquals(s.epoch(), back.epoch());
        assertEquals(30, back.iterations());
        assertEquals(s.schedule(), back.schedule());
        assertArrayEquals(s.weights(), back.weights());
        assertTrue(Double.isNaN(back.lastRow().dice()[1]));
        assertEquals(0.9, back.lastRow().dice()[0]);
        assertEquals(row.diceMean(), back.lastRow().diceMean());
        TrainingState empty = new TrainingState(0, 0, Double.NaN, 0, s.schedule(), new double[] {1}, 0, "h", null);
        empty.write(f);
        TrainingState e = TrainingState.read(f);
        assertTrue(Double.isNaN(e.bestDiceMean()));
        assertNull(e.lastRow());
    }

    @Test
    void clippingScalesAllGradientsToTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet3D net = UNet3D.builder().setNumClasses(2).optChannels(2, 4).build();
            net.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1, 4, 4, 4));
            double expected = 0;
            for (Parameter p : net.getParameters().values()) {
                NDArray w = p.getArray();
                w.setRequiresGradient(true);
                // fill the gradient with a known value: grad of sum(w * k) is k
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    gc.backward(dynaseg.nn.Scalars.times(w, 3).sum());
                }
                expected += 9.0 * w.getShape().size();
            }
            expected = Math.sqrt(expected);
            double norm = GradientClipping.clipByGlobalNorm(net, 1.0);
            assertEquals(expected, norm, 1e-3 * expected);
            double after = 0;
            for (Parameter p : net.getParameters().values()) {
                after += p.getArray().getGradient().square().sum().getFloat();
            }
            assertEquals(1.0, Math.sqrt(after), 1e-4);
            assertEquals(1.0, GradientClipping.clipByGlobalNorm(net, 5.0), 1e-4); // under the limit: unchanged
        }
    }
}

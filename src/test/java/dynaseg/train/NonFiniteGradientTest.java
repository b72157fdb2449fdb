package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dynaseg.loss.SegmentationLoss;
import dynaseg.nn.Networks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import dynaseg.run.EventLog;

/** Steps whose loss is finite and whose gradients are not: told apart from a non-finite loss, and located. */
@Tag("slow")
class NonFiniteGradientTest {
    @TempDir
    Path tmp;

    @Test
    void theLocatorNamesTheFirstBrokenParameterFromTheOutputAndTheFiniteOneAboveIt() {
        Block net = Networks.create("unet3d", "cpu", 1, 3, new int[] {4, 8});
        try (NDManager m = NDManager.newBaseManager()) {
            Networks.initialize(net, m, 1, 16);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 1, 16, 16, 16))), true)
                        .singletonOrThrow();
                gc.backward(y.square().sum());
            }
            assertArrayEquals(new String[] {null, null}, NonFiniteGradients.locate(net));
            List<String> keys = new ArrayList<>();
            List<Parameter> params = new ArrayList<>();
            net.getParameters().forEach(p -> {
                if (p.getValue().getArray().hasGradient()) {
                    keys.add(p.getKey());
                    params.add(p.getValue());
                }
            });
            int k = keys.size() / 2;
            // what a broken backward pass leaves: everything from parameter k down to the input non-finite
            for (int i = 0; i <= k; i++) params.get(i).getArray().getGradient().muli(Float.NaN);
            assertArrayEquals(new String[] {keys.get(k), keys.get(k + 1)}, NonFiniteGradients.locate(net));
            params.get(keys.size() - 1).getArray().getGradient().muli(Float.POSITIVE_INFINITY).muli(0); // inf * 0 = NaN
            assertArrayEquals(new String[] {keys.get(keys.size() - 1), null}, NonFiniteGradients.locate(net));
        }
    }

    @Test
    void theGuardsMessageSaysWhichKindAndDoesNotBlameTheLearningRateForGradients() {
        NonFiniteGuard g = new NonFiniteGuard();
        g.startEpoch(100, 0);
        for (int i = 1; i < 5; i++) g.nonFinite(1, i, true);
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, () -> g.nonFinite(1, 5, true));
        assertTrue(e.getMessage().contains("5 with non-finite gradients under a finite loss, 0 with a non-finite loss"), e.getMessage());
        assertTrue(e.getMessage().contains("--check-numerics"), e.getMessage());
        assertFalse(e.getMessage().contains("--lr"), e.getMessage());
        NonFiniteGuard h = new NonFiniteGuard();
        h.startEpoch(100, 0);
        for (int i = 1; i < 5; i++) h.nonFinite(1, i, false);
        TrainingAbortedException f = assertThrows(TrainingAbortedException.class, () -> h.nonFinite(1, 5));
        assertTrue(f.getMessage().contains("try a lower --lr"), f.getMessage());
    }

    /** The Dice loss plus a term that is 0 in value and infinite in gradient (d sqrt(u)/du at u = 0), at one call. */
    private static SegmentationLoss infiniteGradientAt(int call) {
        return TinyRuns.diceAlteredAt(k -> k == call, (l, logits) -> l.add(logits.sub(logits.stopGradient()).sqrt().sum()));
    }

    @Test
    void aStepWithFiniteLossAndInfiniteGradientsIsLoggedAsAGradientFaultWithWhereItBroke() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 4);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 1);
        config.setIterationsPerEpoch(4);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Trainer trainer = Trainer.start(config, tmp.resolve("run"), new PrintStream(console, true, StandardCharsets.UTF_8));
        trainer.setLoss(infiniteGradientAt(1));
        trainer.setCheckNumerics(true);
        TrainingState state = trainer.run();
        assertEquals(1, state.nonFiniteSteps());
        List<Map<String, Object>> events = new EventLog(new RunDirectory(tmp.resolve("run")).events()).read();
        List<Map<String, Object>> bad = events.stream().filter(e -> String.valueOf(e.get("event")).startsWith("nonfinite")).toList();
        assertEquals(1, bad.size());
        Map<String, Object> e = bad.get(0);
        assertEquals("nonfinite_gradient", e.get("event"));
        assertEquals(2, e.get("step"));
        assertTrue(e.get("loss") instanceof Number, e.toString()); // finite, so written as a number
        assertNull(e.get("grad_norm"));
        // the gradient broke at the output layer: its own parameter is non-finite, nothing above it
        assertTrue(String.valueOf(e.get("first_nonfinite_parameter")).contains("head"), e.toString());
        assertTrue(e.containsKey("last_finite_parameter") && e.get("last_finite_parameter") == null, e.toString());
        assertEquals(true, e.get("logits_finite"));
        assertEquals(true, e.get("finite_when_repeated")); // the repeat uses the plain loss: a one-off fault
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 1 step 2 skipped: loss finite, gradients non-finite from"), out);
        assertTrue(out.contains("skipped 1 of 4 training steps"), out);
    }
}

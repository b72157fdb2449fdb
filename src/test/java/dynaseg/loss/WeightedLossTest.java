package dynaseg.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dynaseg.testutil.NativeMemoryChurn;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL losses against a naive voxel loop, and their gradients against linearity and the analytic CE gradient. */
class WeightedLossTest {
    static final int N = 2, C = 4, D = 3, H = 4, W = 5, S = D * H * W;
    static NDManager manager;

    @BeforeAll
    static void open() { manager = NDManager.newBaseManager(); }

    @AfterAll
    static void close() { manager.close(); }

    static float[] randomLogits(Random r) {
        float[] x = new float[N * C * S];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextGaussian());
        return x;
    }

    static int[] randomLabels(Random r) {
        int[] y = new int[N * S];
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(C);
        return y;
    }

    static NDArray logits(NDManager m, float[] x) { return m.create(x, new Shape(N, C, D, H, W)); }

    static NDArray target(NDManager m, int[] y) { return m.create(y, new Shape(N, D, H, W)); }

    @Test
    void diceAndCrossEntropyEqualTheNaiveLoop() {
        Random r = new Random(42);
        for (int trial = 0; trial < 4; trial++) {
            float[] x = randomLogits(r);
            int[] y = randomLabels(r);
            float[] w = new float[C];
            for (int k = 0; k < C; k++) w[k] = 0.1f + 1.9f * r.nextFloat();
            try (NDManager m = manager.newSubManager()) {
                for (boolean bg : new boolean[] {true, false}) {
                    double dice = NaiveLoss.dice(x, y, N, C, S, w, bg);
                    double ce = NaiveLoss.crossEntropy(x, y, N, C, S, w);
                    float gotDice = Losses.create("dice", bg).compute(logits(m, x), target(m, y), w).getFloat();
                    float gotDiceCe = Losses.create("dicece", bg).compute(logits(m, x), target(m, y), w).getFloat();
                    assertEquals(dice, gotDice, 1e-5, "dice, background " + bg);
                    assertEquals(dice + ce, gotDiceCe, 1e-5, "dice+ce, background " + bg);
                }
            }
        }
    }

    @Test
    void diceIsNotDividedBySumOfWeights() {
        Random r = new Random(7);
        float[] x = randomLogits(r);
        int[] y = randomLabels(r);
        float[] ones = {1, 1, 1, 1};
        float[] frozen = {1, 0.1f, 0.1f, 0.1f};
        float full = new WeightedDiceLoss(true).compute(logits(manager, x), target(manager, y), ones).getFloat();
        float less = new WeightedDiceLoss(true).compute(logits(manager, x), target(manager, y), frozen).getFloat();
        assertTrue(less < full, less + " !< " + full);
        assertEquals(NaiveLoss.dice(x, y, N, C, S, frozen, true), less, 1e-5);
    }

    @Test
    void perfectPredictionHasNearZeroLoss() {
        int[] y = randomLabels(new Random(3));
        float[] x = new float[N * C * S];
        for (int b = 0; b < N; b++) for (int v = 0; v < S; v++) x[(b * C + y[b * S + v]) * S + v] = 30f;
        float[] w = {1, 2, 2, 2};
        float l = new DiceCrossEntropyLoss(true).compute(logits(manager, x), target(manager, y), w).getFloat();
        assertEquals(0, l, 1e-4);
    }

    /** d loss / d logits for the given weights, on a fresh copy of the logits. */
    static float[] gradient(SegmentationLoss loss, float[] x, int[] y, float[] w) {
        return gradient(loss, x, y, w, false);
    }

    /** As above; with {@code churn}, memory is collected and reused between forward and backward. */
    static float[] gradient(SegmentationLoss loss, float[] x, int[] y, float[] w, boolean churn) {
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = logits(m, x);
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(logits, target(m, y), w);
                if (churn) NativeMemoryChurn.run();
                gc.backward(l);
            }
            return logits.getGradient().toFloatArray();
        }
    }

    /** The Dice terms' factor 2 and 1/C once read freed memory in backward (see dynaseg.nn.Scalars). */
    @Test
    void gradientDoesNotDependOnGarbageCollection() {
        Random r = new Random(21);
        float[] x = randomLogits(r);
        int[] y = randomLabels(r);
        float[] w = {1, 0.1f, 2, 1};
        for (SegmentationLoss loss : new SegmentationLoss[] {new WeightedDiceLoss(true), new WeightedDiceLoss(false),
                new DiceCrossEntropyLoss(true)}) {
            float[] quiet = gradient(loss, x, y, w);
            for (int rep = 0; rep < 3; rep++) {
                assertArrayEquals(quiet, gradient(loss, x, y, w, true), loss.name() + ", repetition " + rep);
            }
        }
    }

    @Test
    void doublingAClassWeightDoublesItsTermsGradient() {
        Random r = new Random(11);
        float[] x = randomLogits(r);
        int[] y = randomLabels(r);
        SegmentationLoss dice = new WeightedDiceLoss(true);
        int k = 2;
        float[] one = new float[C];
        float[] two = new float[C];
        one[k] = 1;
        two[k] = 2;
        float[] g1 = gradient(dice, x, y, one);
        float[] g2 = gradient(dice, x, y, two);
        float max = 0;
        for (int i = 0; i < g1.length; i++) {
            assertEquals(2 * g1[i], g2[i], 1e-7 + 1e-5 * Math.abs(g2[i]), "element " + i);
            max = Math.max(max, Math.abs(g1[i]));
        }
        assertTrue(max > 1e-4, "the gradient must not vanish: " + max);
        // weights (1,1,2,1): the extra gradient over all-ones is exactly class k's own term
        float[] g11 = gradient(dice, x, y, new float[] {1, 1, 1, 1});
        float[] g12 = gradient(dice, x, y, new float[] {1, 1, 2, 1});
        for (int i = 0; i < g1.length; i++) assertEquals(g1[i], g12[i] - g11[i], 1e-6, "element " + i);
    }

    @Test
    void crossEntropyGradientWeighsEachVoxelByItsClass() {
        // d CE / d logit_v = w[y_v] / sum_u w[y_u] * (softmax_v - onehot_v)
        Random r = new Random(5);
        float[] x = randomLogits(r);
        int[] y = randomLabels(r);
        float[] w = {1, 2, 0.1f, 1.5f};
        DiceCrossEntropyLoss dicece = new DiceCrossEntropyLoss(true);
        SegmentationLoss ceOnly = new SegmentationLoss() {
            @Override
            public NDArray compute(NDArray logits, NDArray target, float[] cw) { return dicece.crossEntropy(logits, target, cw); }
            @Override
            public String name() { return "ce"; }
            @Override
            public boolean includeBackground() { return true; }
        };
        float[] g = gradient(ceOnly, x, y, w);
        double total = 0;
        for (int label : y) total += w[label];
        for (int b = 0; b < N; b++) {
            for (int v = 0; v < S; v++) {
                int label = y[b * S + v];
                double[] p = NaiveLoss.softmax(x, b, v, C, S);
                for (int c = 0; c < C; c++) {
                    double expected = w[label] / total * (p[c] - (c == label ? 1 : 0));
                    assertEquals(expected, g[(b * C + c) * S + v], 1e-6);
                }
            }
        }
    }

    @Test
    void backgroundExclusionDropsChannelZero() {
        Random r = new Random(9);
        float[] x = randomLogits(r);
        int[] y = randomLabels(r);
        float[] w0 = {0, 1, 1, 1};
        float[] w5 = {5, 1, 1, 1};
        WeightedDiceLoss noBg = new WeightedDiceLoss(false);
        float a = noBg.compute(logits(manager, x), target(manager, y), w0).getFloat();
        float b = noBg.compute(logits(manager, x), target(manager, y), w5).getFloat();
        assertEquals(a, b, 0f);
        // with background, weight 0 on it is (C-1)/C times the mean over foreground
        float withBg = new WeightedDiceLoss(true).compute(logits(manager, x), target(manager, y), w0).getFloat();
        assertEquals(a * (C - 1) / C, withBg, 1e-6);
    }

    @Test
    void badInputsAreRefused() {
        int[] y = randomLabels(new Random(1));
        float[] x = randomLogits(new Random(1));
        SegmentationLoss loss = Losses.create("dicece", true);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(logits(manager, x), target(manager, y), new float[] {1, 1}));
        int[] bad = y.clone();
        bad[3] = C;
        assertThrows(IllegalArgumentException.class, () -> loss.compute(logits(manager, x), target(manager, bad), new float[] {1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> loss.compute(logits(manager, x), manager.create(y, new Shape(N, S)), new float[] {1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Losses.create("focal", true));
        assertArrayEquals(new String[] {"dice", "dicece"}, Losses.NAMES.toArray(new String[0]));
    }
}

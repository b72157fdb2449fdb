package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dynaseg.data.sampling.Batch;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.train.AdamW;
import dynaseg.train.OptimizationStep;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cpu UNet3D learns one small phantom patch: organ Dice above 0.8 within a few hundred steps. */
@Tag("slow")
class UNet3DOverfitTest {
    static final int S = 32;
    static final int CLASSES = 4;

    /** Three ellipsoid "organs" of different brightness in a noisy body, like a tiny CT phantom. */
    static float[][] phantom(long seed) {
        Random r = new Random(seed);
        float[] image = new float[S * S * S];
        float[] labels = new float[S * S * S];
        double[][] organs = {{10, 12, 11, 6, 5, 7}, {20, 20, 18, 5, 7, 5}, {16, 8, 22, 4, 4, 4}}; // z y x rz ry rx
        float[] brightness = {0.7f, 0.45f, 0.9f};
        for (int z = 0; z < S; z++)
            for (int y = 0; y < S; y++)
                for (int x = 0; x < S; x++) {
                    int i = (z * S + y) * S + x;
                    image[i] = 0.2f + 0.05f * (float) r.nextGaussian();
                    for (int o = 0; o < organs.length; o++) {
                        double[] e = organs[o];
                        double q = sq((z - e[0]) / e[3]) + sq((y - e[1]) / e[4]) + sq((x - e[2]) / e[5]);
                        if (q <= 1) {
                            labels[i] = o + 1;
                            image[i] = brightness[o] + 0.05f * (float) r.nextGaussian();
                        }
                    }
                }
        return new float[][] {image, labels};
    }

    private static double sq(double v) {
        return v * v;
    }

    static double[] organDice(int[] pred, int[] truth) {
        double[] dice = new double[CLASSES - 1];
        for (int c = 1; c < CLASSES; c++) {
            long tp = 0, p = 0, t = 0;
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == c) p++;
                if (truth[i] == c) t++;
                if (pred[i] == c && truth[i] == c) tp++;
            }
            dice[c - 1] = 2.0 * tp / (p + t);
        }
        return dice;
    }

    @Test
    void cpuUNet3DOverfitsOnePhantomPatch() {
        Engine.getInstance().setRandomSeed(7);
        float[][] ph = phantom(3);
        int[] truth = new int[ph[1].length];
        for (int i = 0; i < truth.length; i++) truth[i] = (int) ph[1][i];
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = Networks.create("unet3d", "cpu", 1, CLASSES, null);
            Networks.initialize(net, m, 1, S);
            NDArray image = m.create(ph[0], new Shape(1, 1, S, S, S));
            byte[] labelBytes = new byte[truth.length];
            for (int i = 0; i < truth.length; i++) labelBytes[i] = (byte) truth[i];
            Batch batch = new Batch(ph[0], labelBytes, 1, new int[] {S, S, S});
            float[] ones = new float[CLASSES];
            Arrays.fill(ones, 1f);
            OptimizationStep step = new OptimizationStep(net, new AdamW(3e-3f, 1e-5f), new DiceCrossEntropyLoss(true), m, 0);
            double[] dice = new double[CLASSES - 1];
            int steps = 0;
            while (steps < 300) {
                for (int k = 0; k < 10; k++, steps++) step.run(batch, ones, 3e-3);
                try (NDManager scratch = m.newSubManager()) {
                    NDArray x = image.duplicate();
                    x.attach(scratch);
                    NDArray logits = NnTestSupport.forward(net, scratch, x, false);
                    int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    dice = organDice(pred, truth);
                }
                if (Arrays.stream(dice).allMatch(d -> d > 0.8)) break;
            }
            final int used = steps;
            final double[] last = dice;
            assertTrue(Arrays.stream(dice).allMatch(d -> d > 0.8), () -> "organ Dice " + Arrays.toString(last) + " after " + used + " steps");
        }
    }
}

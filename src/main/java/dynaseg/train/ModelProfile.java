package dynaseg.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.data.sampling.Batch;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.nn.Networks;
import java.util.Arrays;
import java.util.Random;

/**
 * Size and speed of one network preset on this machine: parameter count, training patch, and
 * the median time of one training forward + backward (batch 1, the default patch, random input
 * and labels, unweighted Dice + cross-entropy), optionally with the AdamW update (a full
 * {@link OptimizationStep}, without gradient clipping, as the PyTorch twins in bench/), after one
 * untimed warm-up step.
 *
 * @param stepMs median milliseconds, or null when not timed
 */
public record ModelProfile(String model, String preset, long parameters, int patch, Double stepMs) {

    /**
     * Builds the network in its own manager (freed afterwards) and measures it.
     *
     * @param unetChannels UNet3D channels override (null = the preset's)
     * @param repeats timed steps (0 = no timing)
     * @param withOptimizer time forward + backward + AdamW instead of forward + backward
     */
    public static ModelProfile measure(String model, String preset, int numClasses, int[] unetChannels, int repeats, boolean withOptimizer) {
        int patch = Networks.defaultPatch(model, preset);
        Block net = Networks.create(model, preset, 1, numClasses, unetChannels);
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.initialize(net, manager, 1, patch);
            long parameters = Networks.parameterCount(net);
            if (repeats <= 0) return new ModelProfile(model, preset, parameters, patch, null);
            OptimizationStep step = new OptimizationStep(net, new AdamW(1e-4f, 1e-5f), new DiceCrossEntropyLoss(true), manager, 0);
            Batch batch = randomBatch(patch, numClasses, new Random(0));
            float[] weights = new float[numClasses];
            Arrays.fill(weights, 1f);
            Runnable once = withOptimizer ? () -> step.run(batch, weights, 1e-4) : () -> step.forwardBackward(batch, weights);
            once.run();
            double[] ms = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                once.run();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
            return new ModelProfile(model, preset, parameters, patch, Math.round(median * 10) / 10.0);
        }
    }

    /** One patch of standard-normal intensities and uniformly random labels 0..classes-1. */
    private static Batch randomBatch(int patch, int classes, Random random) {
        int n = patch * patch * patch;
        float[] images = new float[n];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            images[i] = (float) random.nextGaussian();
            labels[i] = (byte) random.nextInt(classes);
        }
        return new Batch(images, labels, 1, new int[] {patch, patch, patch});
    }
}

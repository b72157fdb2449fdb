package dynaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dynaseg.nn.Networks;
import java.util.Arrays;

/**
 * Size and speed of one network preset on this machine: parameter count, training patch, and
 * the median time of one training forward + backward (batch 1, the default patch, random input
 * and labels, plain Dice + cross-entropy), optionally with the AdamW update (a full training
 * step), after one untimed warm-up step.
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
            TrainingStep step = new TrainingStep(net, new AdamW(1e-4f, 1e-5f), TrainingStep::diceCrossEntropy, manager);
            NDArray images = manager.randomNormal(new Shape(1, 1, patch, patch, patch));
            NDArray labels = manager.randomInteger(0, numClasses, new Shape(1, patch, patch, patch), DataType.INT32);
            Runnable once = withOptimizer ? () -> step.run(images, labels) : () -> step.forwardBackward(images, labels);
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
}

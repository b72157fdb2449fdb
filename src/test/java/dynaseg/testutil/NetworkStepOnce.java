package dynaseg.testutil;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dynaseg.nn.Networks;

/**
 * A program that embeds dynaseg the plain way: builds a network, one forward and backward pass,
 * nothing else (no dynaseg entry point, no test extension). Run in a child JVM by
 * OneDnnIsaCapProcessTest.
 */
public final class NetworkStepOnce {
    public static void main(String[] args) {
        Block net = Networks.create("unet3d", "cpu", 1, 3, null);
        try (NDManager m = NDManager.newBaseManager()) {
            Networks.initialize(net, m, 1, 16);
            NDArray x = m.randomNormal(new Shape(2, 1, 16, 16, 16)); // batch 2: as in training, where libtorch hands 3D convolutions to oneDNN
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(y.square().sum());
            }
        }
        System.out.println("step done");
    }
}

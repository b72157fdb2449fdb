package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ConvBlocksTest {

    private static NDArray runWithGradients(Block block, NDManager m, Shape in) {
        NnTestSupport.initialize(block, m, in);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = NnTestSupport.forward(block, m, NnTestSupport.random(m, in, 11), true);
            // a loss that is not invariant to the norm's shift, so every parameter gets a gradient
            gc.backward(y.mul(NnTestSupport.random(m, y.getShape(), 12)).sum());
            return y;
        }
    }

    private static void assertAllGradientsNonZero(Block block) {
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            float g = p.getArray().getGradient().abs().sum().getFloat();
            assertTrue(g > 0, "zero gradient for " + pair.getKey());
        }
    }

    @Test
    void convNormActShapesAndGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = ConvNormAct3d.builder().setChannels(5).build();
            NDArray y = runWithGradients(b, m, new Shape(2, 3, 6, 4, 8));
            assertEquals(new Shape(2, 5, 6, 4, 8), y.getShape());
            assertAllGradientsNonZero(b);
            assertEquals(3, b.getParameters().size()); // conv weight (no bias), gamma, beta

            Block strided = ConvNormAct3d.builder().setChannels(4).optStride(2).build();
            assertEquals(new Shape(1, 4, 3, 2, 4), runWithGradients(strided, m, new Shape(1, 2, 6, 4, 8)).getShape());
            Block pointwise = ConvNormAct3d.builder().setChannels(4).optKernel(1).build();
            assertEquals(new Shape(1, 4, 5, 3, 2), runWithGradients(pointwise, m, new Shape(1, 2, 5, 3, 2)).getShape());
        }
    }

    @Test
    void leakyReluSlopeIsOnePercent() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvNormAct3d b = ConvNormAct3d.builder().setChannels(2).build();
            NDArray y = runWithGradients(b, m, new Shape(1, 1, 4, 4, 4));
            float min = y.min().getFloat();
            // normalised values are about N(0,1): the most negative output is about -0.01 * a few
            assertTrue(min < 0 && min > -0.1f, "min " + min);
        }
    }

    @Test
    void residualBlockProjectsOnlyWhenNeeded() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block same = ResidualConvBlock3d.builder().setChannels(4).build();
            assertEquals(new Shape(1, 4, 4, 4, 4), runWithGradients(same, m, new Shape(1, 4, 4, 4, 4)).getShape());
            assertEquals(6, same.getParameters().size());
            assertAllGradientsNonZero(same);

            Block widen = ResidualConvBlock3d.builder().setChannels(6).build();
            assertEquals(new Shape(2, 6, 4, 6, 2), runWithGradients(widen, m, new Shape(2, 3, 4, 6, 2)).getShape());
            assertEquals(9, widen.getParameters().size());
            assertAllGradientsNonZero(widen);

            Block down = ResidualConvBlock3d.builder().setChannels(4).optStride(2).build();
            assertEquals(new Shape(1, 4, 2, 3, 4), runWithGradients(down, m, new Shape(1, 4, 4, 6, 8)).getShape());
            assertEquals(9, down.getParameters().size());
        }
    }

    @Test
    void residualBlockEqualsItsDefinition() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 4, 4, 4, 4);
            ResidualConvBlock3d block = ResidualConvBlock3d.builder().setChannels(4).build();
            NnTestSupport.initialize(block, m, in);
            NDArray x = NnTestSupport.random(m, in, 3);
            NDArray y = NnTestSupport.forward(block, m, x, false);
            var ps = new ai.djl.training.ParameterStore(m, false);
            NDArray w1 = NnTestSupport.param(block, "conv1_weight");
            NDArray w2 = NnTestSupport.param(block, "conv2_weight");
            Shape one = new Shape(1, 1, 1);
            Shape pad = new Shape(1, 1, 1);
            NDArray h = ai.djl.nn.convolutional.Conv3d.conv3d(x, w1, null, one, pad, one, 1).singletonOrThrow();
            h = ai.djl.nn.Activation.leakyRelu(plainNorm(h), 0.01f);
            h = ai.djl.nn.convolutional.Conv3d.conv3d(h, w2, null, one, pad, one, 1).singletonOrThrow();
            NDArray expected = ai.djl.nn.Activation.leakyRelu(plainNorm(h).add(x), 0.01f);
            assertTrue(y.sub(expected).abs().max().getFloat() < 1e-4f);
            ps.sync();
        }
    }

    /** Instance norm with gamma = 1, beta = 0 (their initial values), by mean and variance per channel. */
    private static NDArray plainNorm(NDArray h) {
        Shape s = h.getShape();
        NDArray f = h.reshape(s.get(0), s.get(1), -1);
        NDArray mean = f.mean(new int[] {2}, true);
        NDArray var = f.sub(mean).square().mean(new int[] {2}, true);
        return f.sub(mean).div(var.add(1e-5f).sqrt()).reshape(s);
    }
}

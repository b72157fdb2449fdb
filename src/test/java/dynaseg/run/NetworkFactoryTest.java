package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkFactoryTest {
    @Test
    void buildsEachModelForTheConfigsPatch() {
        for (String model : List.of("unet3d", "unetr", "lambda3d")) {
            RunConfig c = new RunConfig();
            c.setModel(model);
            c.setPatch(new int[] {16});
            c.setUnetChannels(List.of(2, 4));
            try (NDManager m = NDManager.newBaseManager()) {
                Block net = NetworkFactory.create(c, 3);
                NetworkFactory.initialize(net, m, c);
                Shape out = net.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 1, 16, 16, 16))), false)
                        .singletonOrThrow().getShape();
                assertEquals(new Shape(1, 3, 16, 16, 16), out, model);
            }
        }
    }

    @Test
    void unetAcceptsNonCubicPatchesTheTransformersDoNot() {
        RunConfig c = new RunConfig();
        c.setPatch(new int[] {16, 32, 32});
        NetworkFactory.checkPatch(c);
        c.setModel("lambda3d");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFactory.checkPatch(c));
        assertTrue(e.getMessage().contains("--patch 64"), e.getMessage());
    }
}

package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class Lambda3dTest extends SegmentationNetworkContract {
    @Override
    Block create(String preset, int inChannels, int numClasses, int patch) {
        return Lambda3d.create(preset, inChannels, numClasses, patch);
    }

    @Test
    void everyTokenMixerIsALambdaLayerWithTheIssueDefaults() {
        Block net = Lambda3d.create("paper", 1, 14);
        Block vit = BlockAccess.child(net, "vit");
        int mixers = 0;
        for (int i = 1; i <= 12; i++) {
            Block mixer = BlockAccess.child(BlockAccess.child(vit, String.format("block%02d", i)), "mixer");
            assertTrue(mixer instanceof LambdaLayer3d, "block " + i + " mixes with " + mixer.getClass().getSimpleName());
            LambdaLayer3d lambda = (LambdaLayer3d) mixer;
            assertEquals(16, lambda.keyDim());
            assertEquals(1, lambda.intraDepth());
            assertEquals(4, lambda.heads());
            assertEquals(7, lambda.receptiveField());
            assertEquals(12, lambda.grid()[0]); // 96 / token patch 8
            mixers++;
        }
        assertEquals(12, mixers);
    }

    /** The lambda layers replace attention's 4 h^2 weights by h (4|k| + |v|) + r^3 |k|, everything else is UNETR's. */
    @Test
    void paperPresetParameterCountIsUnetrMinusAttentionPlusLambdas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block lambda = Lambda3d.create("paper", 1, 14);
            lambda.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 96, 96, 96));
            long h = 768;
            long perLambda = h * (4 * 16) + h * 16 + h * (h / 4) + 2 * 4 * 16 + 2 * (h / 4) + 343 * 16;
            long attention = h * 3 * h + h * h + h;
            // the patch-8 embedding has 1/8 of the kernel and 8x the positions; the deepest
            // skip and decoder step project with 1x1x1 (h*128) instead of 2x up-sampling (8*h*128);
            // the 1/2 and 1/4 skips need one [2x up-sampling, residual block] stage fewer
            long unetr = 92_786_094L;
            long embeddingDelta = (8L * 8 * 8 - 16L * 16 * 16) * h + (1728 - 216) * h;
            long projectionDelta = 2 * (h * 128 - 8 * h * 128);
            long stagesDelta = -(32 * 32 * 8 + 2 * 32 * 32 * 27 + 4 * 32) - (64 * 64 * 8 + 2 * 64 * 64 * 27 + 4 * 64);
            long expected = unetr + 12 * (perLambda - attention) + embeddingDelta + projectionDelta + stagesDelta;
            assertEquals(expected, trainableParameters(lambda));
        }
    }

    @Test
    void rejectsSizesThatAreNotAMultipleOfTheTokenPatch() {
        assertThrows(IllegalArgumentException.class, () -> Lambda3d.create("cpu", 1, 3, 36));
    }
}

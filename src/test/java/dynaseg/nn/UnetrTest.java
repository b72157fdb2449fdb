package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class UnetrTest extends SegmentationNetworkContract {
    @Override
    Block create(String preset, int inChannels, int numClasses, int patch) {
        return Unetr.create(preset, inChannels, numClasses, patch);
    }

    /**
     * MONAI's UNETR(1, 14, 96) layer by layer: ViT-B/16 encoder, then the CNN decoder (convolutions
     * without bias except the output conv; transposed convolutions without bias; MONAI's instance
     * norms have no parameters, ours add a scale and shift per channel).
     */
    @Test
    void paperPresetHasThePublishedParameterCount() {
        long h = 768;
        long mlp = 3072;
        long fs = 16;
        long vit = (16L * 16 * 16 * h + h) + 216 * h // patch embedding + position embedding
                + 12 * (4 * h + h * 3 * h + h * h + h + h * mlp + mlp + mlp * h + h) + 2 * h;
        long k3 = 27;
        long decoder = resBlock(1, fs) // encoder1
                + h * 2 * fs * 8 + 2 * (2 * fs * 2 * fs * 8 + resBlock(2 * fs, 2 * fs)) // encoder2
                + h * 4 * fs * 8 + (4 * fs * 4 * fs * 8 + resBlock(4 * fs, 4 * fs)) // encoder3
                + h * 8 * fs * 8 // encoder4
                + h * 8 * fs * 8 + resBlock(16 * fs, 8 * fs) // decoder5
                + 8 * fs * 4 * fs * 8 + resBlock(8 * fs, 4 * fs) // decoder4
                + 4 * fs * 2 * fs * 8 + resBlock(4 * fs, 2 * fs) // decoder3
                + 2 * fs * fs * 8 + resBlock(2 * fs, fs) // decoder2
                + fs * 14 + 14; // output conv
        long monai = vit + decoder;
        assertEquals(92_784_046L, monai, "MONAI layer arithmetic");
        long normAffine = 2 * (normChannels(1, fs) + 2 * normChannels(2 * fs, 2 * fs) + normChannels(4 * fs, 4 * fs)
                + normChannels(16 * fs, 8 * fs) + normChannels(8 * fs, 4 * fs) + normChannels(4 * fs, 2 * fs)
                + normChannels(2 * fs, fs));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Unetr.create("paper", 1, 14);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 96, 96, 96));
            long count = trainableParameters(net);
            assertEquals(monai + normAffine, count);
            assertEquals(92.6e6, count, 0.01 * 92.6e6, "within 1% of the paper's 92.6 M");
        }
    }

    /** Weights of MONAI's UnetResBlock(in -> out, k 3): two 3^3 convs and a 1x1x1 projection when in != out. */
    private static long resBlock(long in, long out) {
        return in * out * 27 + out * out * 27 + (in != out ? in * out : 0);
    }

    private static long normChannels(long in, long out) {
        return 2 * out + (in != out ? out : 0);
    }

    @Test
    void rejectsInputsThatAreNotAMultipleOfThePatch() {
        assertThrows(IllegalArgumentException.class, () -> Unetr.create("cpu", 1, 3, 40));
        assertThrows(IllegalArgumentException.class, () -> Unetr.create("huge", 1, 3));
    }

    @Test
    void defaultPatchPerPreset() {
        assertEquals(96, Unetr.defaultPatch("paper"));
        assertEquals(64, Unetr.defaultPatch("cpu"));
    }
}

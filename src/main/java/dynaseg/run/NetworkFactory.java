package dynaseg.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dynaseg.nn.Networks;
import dynaseg.nn.UNet3D;
import java.util.Arrays;

/**
 * Builds and initialises the network a run config names, and says clearly when the patch size
 * doesn't fit the model: UNet3D needs each side a multiple of 2^(levels-1); UNETR and Lambda3D
 * are built for one cubic patch, a multiple of their token patch ({@link Networks#tokenPatch}).
 */
public final class NetworkFactory {
    private NetworkFactory() {}

    /** The UNet3D channels of a config: {@code unet-channels} or the preset's. */
    public static int[] unetChannels(RunConfig config) {
        return config.getUnetChannels().isEmpty() ? Networks.defaultUnetChannels(config.getPreset())
                : config.getUnetChannels().stream().mapToInt(Integer::intValue).toArray();
    }

    /** @throws IllegalArgumentException naming the model, preset and a patch that would fit */
    public static void checkPatch(RunConfig config) {
        int[] p = config.getPatch();
        String model = config.getModel();
        if (Networks.UNET3D.equals(model)) {
            int[] channels = unetChannels(config);
            int k = 1 << (channels.length - 1);
            if (p[0] % k != 0 || p[1] % k != 0 || p[2] % k != 0) {
                throw new IllegalArgumentException("patch " + Arrays.toString(p) + " does not fit unet3d with "
                        + channels.length + " levels " + Arrays.toString(channels) + ": each side must be a multiple of " + k);
            }
            return;
        }
        int token = Networks.tokenPatch(model);
        if (p[0] != p[1] || p[1] != p[2] || p[0] % token != 0) {
            throw new IllegalArgumentException("model " + model + " is built for one cubic patch, a multiple of "
                    + token + " (the preset '" + config.getPreset() + "' is made for "
                    + Networks.defaultPatch(model, config.getPreset()) + "); got patch " + Arrays.toString(p)
                    + "; use e.g. --patch " + Networks.defaultPatch(model, config.getPreset()));
        }
    }

    /** A new network for {@code numClasses} output channels and one input channel, not yet initialised. */
    public static Block create(RunConfig config, int numClasses) {
        checkPatch(config);
        int patch = config.getPatch()[0];
        if (Networks.UNET3D.equals(config.getModel())) {
            // built here rather than by Networks: UNet3D also takes non-cubic patches
            return UNet3D.builder().setNumClasses(numClasses).optInChannels(1).optChannels(unetChannels(config)).build();
        }
        return Networks.create(config.getModel(), config.getPreset(), 1, numClasses, null, patch);
    }

    /** Initialises the parameters for batches of the config's patch. */
    public static void initialize(Block network, NDManager manager, RunConfig config) {
        int[] p = config.getPatch();
        network.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1, p[0], p[1], p[2]));
    }
}

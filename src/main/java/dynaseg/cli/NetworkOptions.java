package dynaseg.cli;

import dynaseg.nn.Networks;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --model}, {@code --preset}, {@code --channels}: a network by name and size; a picocli
 * mixin of train (the network to train) and models (the networks to list). The names are those of
 * {@link Networks}, which also checks them.
 */
final class NetworkOptions {
    @Option(names = "--model", paramLabel = "MODEL", completionCandidates = Choices.Models.class,
            description = "Network: ${COMPLETION-CANDIDATES} (default: unet3d to train, all to list).")
    String model;

    @Option(names = "--preset", paramLabel = "PRESET", completionCandidates = Choices.Presets.class,
            description = "Network size: ${COMPLETION-CANDIDATES} (default: cpu to train, all to list).")
    String preset;

    @Option(names = "--channels", split = ",", paramLabel = "C1,C2,...", hideParamSyntax = true, description = "UNet3D channels per level (default: the preset's).")
    List<Integer> channels;

    /** The model in lower case, or null when not given. */
    String model() {
        return model == null ? null : Networks.checkModel(model);
    }

    /** The preset in lower case, or null when not given. */
    String preset() {
        return preset == null ? null : Networks.checkPreset(preset);
    }

    /** The channels per level, or null when not given. */
    List<Integer> channels() {
        if (channels != null && channels.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--channels takes positive channel counts, got " + channels);
        }
        return channels;
    }
}

package dynaseg.cli;

import dynaseg.run.RunConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --device cpu|gpu}: where a command's network runs; a picocli mixin of train and predict. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "DEVICE", completionCandidates = Choices.Devices.class,
            description = "Device: ${COMPLETION-CANDIDATES} (default: the one in the run's or model's config, else cpu).")
    String device;

    /**
     * The device in lower case, or null when not given (the config's then). Checked against the
     * names the run config accepts, so that a typo fails the same way in every command, before
     * anything is read.
     */
    String name() {
        if (device == null) return null;
        String d = device.toLowerCase(Locale.ROOT);
        if (!RunConfig.DEVICES.contains(d)) {
            throw new IllegalArgumentException("unknown device '" + device + "' (choose one of " + String.join(", ", new Choices.Devices()) + ")");
        }
        return d;
    }
}

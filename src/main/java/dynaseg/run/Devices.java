package dynaseg.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dynaseg.settings.SettingCheck;

/** The device a run's config chooses, for training and for prediction alike. */
public final class Devices {
    /** The choices of {@code --device} and the run config's {@code device} key. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("cpu", "gpu");
    public static final String DEFAULT_NAME = "cpu";

    private Devices() {}

    /** The checks of the run config's {@code device} and {@code threads} keys (0 threads = all cores). */
    public static void checkChoice(String device, int threads) {
        SettingCheck.requireOneOf(NAMES, "device", device);
        SettingCheck.require(threads >= 0, "threads", threads, ">= 0 (0 = all cores)");
    }

    /** cpu, or the first GPU; fails clearly when the engine sees no GPU. */
    public static Device of(RunConfig config) {
        if (!"gpu".equals(config.getDevice())) return Device.cpu();
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new IllegalArgumentException("--device gpu: PyTorch sees no GPU. The bundled engine is CPU-only; "
                    + "install CUDA libtorch 2.7.1 and set PYTORCH_LIBRARY_PATH=<libtorch>/lib, PYTORCH_VERSION=2.7.1 "
                    + "and PYTORCH_FLAVOR=cu128 (see docs), or use --device cpu");
        }
        return Device.gpu();
    }
}

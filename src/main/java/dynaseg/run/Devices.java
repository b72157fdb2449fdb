package dynaseg.run;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The device a run's config chooses, for training and for prediction alike. */
public final class Devices {
    private Devices() {}

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

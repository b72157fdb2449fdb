package dynaseg.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import picocli.CommandLine.Command;

/** Prints what a bug report needs: Java, DJL and PyTorch versions, devices and thread settings. */
@Command(name = "env", header = "Show Java, DJL and PyTorch versions, devices, thread settings and the CPU kernel settings.", mixinStandardHelpOptions = true,
        description = "Show Java, DJL and PyTorch versions, devices, thread settings and the CPU kernel settings.")
public final class EnvCommand implements Runnable {
    @Override
    public void run() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("dynaseg        %s%n", new VersionProvider().getVersion()[0].substring("dynaseg ".length()));
        System.out.printf("java           %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"));
        System.out.printf("os             %s %s%n", System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.printf("cpus           %d%n", rt.availableProcessors());
        System.out.printf("max heap       %d MiB%n", rt.maxMemory() >> 20);
        System.out.printf("djl            %s%n", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        System.out.printf("engine         %s %s%n", engine.getEngineName(), engine.getVersion());
        System.out.printf("gpus           %d%n", engine.getGpuCount());
        System.out.printf("devices        %s%n", java.util.Arrays.toString(engine.getDevices()));
        System.out.printf("default device %s%n", Device.cpu());
        System.out.printf("intra-op threads %s (-Dai.djl.pytorch.num_threads)%n", orUnknown(System.getProperty("ai.djl.pytorch.num_threads")));
        System.out.printf("inter-op threads %s (-Dai.djl.pytorch.num_interop_threads)%n", orUnknown(System.getProperty("ai.djl.pytorch.num_interop_threads")));
        dynaseg.engine.OneDnnIsaCap.Decision cap = dynaseg.engine.OneDnnIsaCap.apply();
        System.out.printf("cpu            %s%n", dynaseg.engine.CpuDescription.current().summary());
        System.out.printf("oneDNN ISA cap %s (%s)%n", cap.capped() ? cap.isa() : "none", cap.reason());
        System.out.printf("offline        %s%n", System.getProperty("ai.djl.offline", "false"));
    }

    private static String orUnknown(String s) {
        return s == null ? "default" : s;
    }
}

package dynaseg.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory from {@code /proc/self/status} (Linux); NaN elsewhere. Logged per epoch to show it stays flat. */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** VmRSS in MiB. */
    public static double currentMb() { return field("VmRSS:"); }

    /** VmHWM (peak resident) in MiB. */
    public static double peakMb() { return field("VmHWM:"); }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Math.round(Long.parseLong(parts[0]) / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }
}

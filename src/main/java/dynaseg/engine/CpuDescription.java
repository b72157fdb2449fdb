package dynaseg.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which x86 processor this is, from the first block of {@code /proc/cpuinfo}: vendor, family,
 * model, name and feature flags. Enough to tell whether a kernel workaround applies
 * ({@link OneDnnIsaCap}); an unreadable or foreign file gives {@link #UNKNOWN}.
 */
public record CpuDescription(String vendor, int family, int model, String modelName, Set<String> flags) {
    public static final CpuDescription UNKNOWN = new CpuDescription("unknown", -1, -1, "unknown", Set.of());

    public CpuDescription {
        flags = Set.copyOf(flags);
    }

    /** This machine's processor ({@link #UNKNOWN} where {@code /proc/cpuinfo} can't be read). */
    public static CpuDescription current() {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The first processor of a {@code /proc/cpuinfo} text; fields it lacks stay unknown. */
    public static CpuDescription parse(String cpuinfo) {
        String vendor = "unknown", name = "unknown";
        int family = -1, model = -1;
        Set<String> flags = new TreeSet<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank()) {
                if (!vendor.equals("unknown")) break; // end of the first processor's block
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = parseInt(value);
                case "model" -> model = parseInt(value);
                case "model name" -> name = value;
                case "flags" -> flags.addAll(Set.of(value.toLowerCase(Locale.ROOT).split("\\s+")));
                default -> { }
            }
        }
        return new CpuDescription(vendor, family, model, name, flags);
    }

    public boolean has(String flag) { return flags.contains(flag); }

    public boolean isAmd() { return "AuthenticAMD".equals(vendor); }

    /** e.g. {@code AMD EPYC 9B45 (AuthenticAMD family 26 model 2, AVX-512)}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s (%s family %d model %d%s)", modelName, vendor, family, model,
                has("avx512f") ? ", AVX-512" : "");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dynaseg.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps oneDNN, the kernel library inside libtorch, off the AVX-512 kernels on processors where
 * they give wrong gradients, by capping its instruction set ({@code DNNL_MAX_CPU_ISA}).
 *
 * <p>Why: on AMD Zen 5 (EPYC, cpu family 26) oneDNN 3.7.1's {@code jit:avx512_core} convolution
 * {@code backward_data}, used by libtorch 2.7.1 (and 2.5.1) for 3D convolutions whose channel
 * count is not a multiple of 16 (held in padded 16-channel blocks, as the {@code cpu} presets' 8
 * channels are), returns non-finite input gradients in 16 to 44 of 100 repetitions, at random;
 * training then skips or aborts steps. Capped at AVX2 (8-channel blocks, no padding) the same
 * convolution gave 0 of 100 and whole training runs skipped no step. The same kernel on an Intel
 * Xeon with AVX-512 and AMX gave 0 of 100 even with every fresh allocation filled with NaN, so the
 * fault is in that processor's code path, not in memory our code leaves unwritten
 * (docs/BENCHMARKS.md has the figures). AMD's AVX-512 processors (Zen 4 and Zen 5) are capped; the
 * cap costs speed (docs/BENCHMARKS.md), so no other processor is.
 *
 * <p>oneDNN reads the variable once, when it creates its first primitive; {@link #apply()} sets it
 * in the process environment (libc {@code setenv}) and must run before the first network does:
 * {@code dynaseg.cli.Main}, {@code dynaseg.nn.Networks} (so every program that embeds dynaseg) and
 * the tests call it. A user's own {@code DNNL_MAX_CPU_ISA} / {@code ONEDNN_MAX_CPU_ISA} is never
 * overridden; {@code DYNASEG_ONEDNN_ISA} (or {@code -Ddynaseg.onednn.isa}) = {@code auto} (default),
 * {@code none} (never cap) or a oneDNN ISA name (always cap to it).
 */
public final class OneDnnIsaCap {
    /** The variables oneDNN reads (the second is the newer name). */
    static final List<String> ONEDNN_VARIABLES = List.of("DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA");
    static final String SETTING_ENV = "DYNASEG_ONEDNN_ISA";
    static final String SETTING_PROPERTY = "dynaseg.onednn.isa";
    /** oneDNN's names for {@code DNNL_MAX_CPU_ISA} (3.7). */
    static final List<String> ISA_NAMES = List.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2", "AVX512_CORE",
            "AVX512_CORE_VNNI", "AVX512_CORE_BF16", "AVX10_1_512", "AVX512_CORE_FP16", "AVX10_1_512_AMX",
            "AVX512_CORE_AMX", "AVX10_1_512_AMX_FP16", "AVX512_CORE_AMX_FP16", "DEFAULT", "ALL");

    /**
     * What was decided: {@code isa} the cap set by dynaseg (null: none set by dynaseg), and why, in
     * words for {@code dynaseg env} and bug reports.
     */
    public record Decision(String isa, String reason) {
        public boolean capped() { return isa != null; }
    }

    private static Decision applied;

    private OneDnnIsaCap() {}

    /** Decides for this process and sets the variable once; later calls return the first decision. */
    public static synchronized Decision apply() {
        if (applied != null) return applied;
        Decision d = decide(CpuDescription.current(), System.getenv(), setting());
        if (d.capped()) {
            try {
                LibC.INSTANCE.setenv(ONEDNN_VARIABLES.get(0), d.isa(), 1);
            } catch (Throwable e) { // no libc through JNA (not Linux): say so rather than fail
                d = new Decision(null, d.reason() + "; but the cap could not be set (" + e + "): set DNNL_MAX_CPU_ISA="
                        + d.isa() + " yourself");
            }
        }
        applied = d;
        return d;
    }

    /** The decision of the last {@link #apply()}, or null before it. */
    public static synchronized Decision applied() { return applied; }

    /** The rule, without side effects: the user's own variable first, then the setting, then the processor. */
    static Decision decide(CpuDescription cpu, Map<String, String> env, String setting) {
        for (String v : ONEDNN_VARIABLES) {
            String own = env.get(v);
            if (own != null && !own.isBlank()) return new Decision(null, v + "=" + own + " set in the environment (left as it is)");
        }
        String s = setting == null || setting.isBlank() ? "AUTO" : setting.trim().toUpperCase(Locale.ROOT);
        if (s.equals("NONE")) return new Decision(null, SETTING_ENV + "=none: no cap");
        if (!s.equals("AUTO")) {
            if (!ISA_NAMES.contains(s)) {
                throw new IllegalArgumentException(SETTING_ENV + "=" + setting + ": not auto, none or a oneDNN ISA ("
                        + String.join(", ", ISA_NAMES) + ")");
            }
            return new Decision(s, SETTING_ENV + "=" + s);
        }
        if (cpu.isAmd() && cpu.has("avx512f")) {
            return new Decision("AVX2", "AMD processor with AVX-512, " + cpu.summary()
                    + ": oneDNN's AVX-512 convolution gradients are unreliable there (docs/BENCHMARKS.md)");
        }
        return new Decision(null, "no cap needed on " + cpu.summary());
    }

    private static String setting() {
        String p = System.getProperty(SETTING_PROPERTY);
        return p != null ? p : System.getenv(SETTING_ENV);
    }

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);
    }
}

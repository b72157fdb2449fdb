package dynaseg.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OneDnnIsaCapTest {
    /** The first lines of /proc/cpuinfo on the Zen 5 machine where the fault was measured. */
    static final String ZEN5 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 26
            model\t\t: 2
            model name\t: AMD EPYC 9B45
            flags\t\t: fpu vme sse sse2 avx avx2 fma avx512f avx512dq avx512_bf16 avx512_vp2intersect avx_vnni

            processor\t: 1
            vendor_id\t: GenuineIntel
            """;
    static final String ZEN3 = "vendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel\t\t: 1\nmodel name\t: AMD EPYC 7R13\nflags\t\t: sse avx avx2 fma\n";
    static final String XEON = "vendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\nmodel name\t: Intel(R) Xeon(R) Processor\n"
            + "flags\t\t: avx avx2 avx512f avx512_bf16 amx_tile amx_bf16\n";

    @Test
    void parsesTheFirstProcessorOnly() {
        CpuDescription cpu = CpuDescription.parse(ZEN5);
        assertEquals("AuthenticAMD", cpu.vendor());
        assertEquals(26, cpu.family());
        assertEquals(2, cpu.model());
        assertEquals("AMD EPYC 9B45", cpu.modelName());
        assertTrue(cpu.has("avx512f"));
        assertTrue(cpu.summary().contains("family 26 model 2"), cpu.summary());
        assertEquals(CpuDescription.UNKNOWN.vendor(), CpuDescription.parse("garbage\n").vendor());
    }

    @Test
    void capsAmdWithAvx512Only() {
        assertEquals("AVX2", OneDnnIsaCap.decide(CpuDescription.parse(ZEN5), Map.of(), null).isa());
        assertNull(OneDnnIsaCap.decide(CpuDescription.parse(ZEN3), Map.of(), null).isa());
        assertNull(OneDnnIsaCap.decide(CpuDescription.parse(XEON), Map.of(), "auto").isa());
        assertNull(OneDnnIsaCap.decide(CpuDescription.UNKNOWN, Map.of(), null).isa());
    }

    @Test
    void theUsersOwnVariableWins() {
        for (String v : OneDnnIsaCap.ONEDNN_VARIABLES) {
            OneDnnIsaCap.Decision d = OneDnnIsaCap.decide(CpuDescription.parse(ZEN5), Map.of(v, "AVX512_CORE"), "AVX2");
            assertFalse(d.capped());
            assertTrue(d.reason().contains(v + "=AVX512_CORE"), d.reason());
        }
    }

    @Test
    void theSettingForcesOrDisablesTheCap() {
        assertNull(OneDnnIsaCap.decide(CpuDescription.parse(ZEN5), Map.of(), "none").isa());
        assertEquals("AVX2", OneDnnIsaCap.decide(CpuDescription.parse(XEON), Map.of(), "avx2").isa());
        assertEquals("AVX512_CORE", OneDnnIsaCap.decide(CpuDescription.parse(XEON), Map.of(), " AVX512_core ").isa());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneDnnIsaCap.decide(CpuDescription.parse(XEON), Map.of(), "fast"));
        assertTrue(e.getMessage().startsWith("DYNASEG_ONEDNN_ISA=fast: not auto, none or a oneDNN ISA"), e.getMessage());
    }
}

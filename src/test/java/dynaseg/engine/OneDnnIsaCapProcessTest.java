package dynaseg.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.NetworkStepOnce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cap reaches oneDNN from inside the JVM: a child JVM that only builds a network and runs one
 * step (the way a program embedding dynaseg does) is watched through oneDNN's own verbose log,
 * which names the kernel of every convolution it runs.
 */
class OneDnnIsaCapProcessTest {

    @Test
    void aForcedCapKeepsEveryConvolutionOffAvx512() throws Exception {
        List<String> kernels = convolutionKernels("AVX2");
        assertFalse(kernels.isEmpty(), "oneDNN logged no convolution");
        for (String k : kernels) assertFalse(k.contains("avx512"), "convolution kernel under the AVX2 cap: " + kernels);
    }

    @Test
    void theAutomaticChoiceIsTheOneThisProcessorGets() throws Exception {
        CpuDescription cpu = CpuDescription.current();
        boolean capped = OneDnnIsaCap.decide(cpu, Map.of(), null).capped();
        List<String> kernels = convolutionKernels(null);
        assertFalse(kernels.isEmpty(), "oneDNN logged no convolution");
        boolean anyAvx512 = kernels.stream().anyMatch(k -> k.contains("avx512"));
        if (capped) assertFalse(anyAvx512, cpu.summary() + " is capped, yet ran " + kernels);
        else if (cpu.has("avx512f")) assertTrue(anyAvx512, cpu.summary() + " is not capped, yet ran no AVX-512 kernel: " + kernels);
    }

    /** The distinct oneDNN convolution implementations a child step ran with this DYNASEG_ONEDNN_ISA. */
    private static List<String> convolutionKernels(String setting) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                NetworkStepOnce.class.getName());
        Map<String, String> env = pb.environment();
        env.keySet().removeAll(OneDnnIsaCap.ONEDNN_VARIABLES);
        env.remove(OneDnnIsaCap.SETTING_ENV);
        if (setting != null) env.put(OneDnnIsaCap.SETTING_ENV, setting);
        env.put("DNNL_VERBOSE", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("step done"), out);
        List<String> kernels = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.split(",");
            // onednn_verbose,v1,primitive,exec,cpu,convolution,<implementation>,<direction>,...
            if (f.length > 7 && f[0].equals("onednn_verbose") && f[3].equals("exec") && f[5].equals("convolution")) {
                String k = f[6] + " " + f[7];
                if (!kernels.contains(k)) kernels.add(k);
            }
        }
        return kernels;
    }
}

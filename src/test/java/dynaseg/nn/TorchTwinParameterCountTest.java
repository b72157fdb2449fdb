package dynaseg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cpu presets have exactly as many trainable parameters as their PyTorch twins in
 * bench/torch_unetr.py, written independently from MONAI's modules (so the benchmark compares
 * the same networks, layer for layer).
 */
class TorchTwinParameterCountTest {
    @ParameterizedTest
    @CsvSource({"unetr, 64", "lambda3d, 64", "lambda3d, 32"})
    void javaAndTorchCountsAgree(String model, int size) throws Exception {
        PythonPeer.require("torch");
        String script = Files.readString(Path.of("bench", "torch_unetr.py"));
        String json = PythonPeer.run(script, "--model", model, "--preset", "cpu", "--size", String.valueOf(size),
                "--classes", "14", "--count-only");
        Matcher m = Pattern.compile("\"parameters\": (\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no parameter count in " + json);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = model.equals("unetr") ? Unetr.create("cpu", 1, 14, size) : Lambda3d.create("cpu", 1, 14, size);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size, size));
            assertEquals(Long.parseLong(m.group(1)), SegmentationNetworkContract.trainableParameters(net));
        }
    }
}

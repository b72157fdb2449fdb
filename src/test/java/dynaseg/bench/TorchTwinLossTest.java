package dynaseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dynaseg.loss.DiceCrossEntropyLoss;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The loss that {@code dynaseg models} and {@code bench train} time (unweighted
 * {@link DiceCrossEntropyLoss}, background included) is the one the PyTorch twins in bench/ train
 * with: their own {@code dice_ce} functions, imported from the scripts, give the same value.
 */
class TorchTwinLossTest {
    private static final int N = 2, C = 4, D = 3, H = 4, W = 5;
    private static final String SCRIPT = """
            import sys, torch
            sys.path.insert(0, sys.argv[1])
            import torch_unet3d, torch_unetr
            n, c, d, h, w = 2, 4, 3, 4, 5
            vals = open(sys.argv[2]).read().split()
            k = n * c * d * h * w
            x = torch.tensor([float(v) for v in vals[:k]]).reshape(n, c, d, h, w)
            y = torch.tensor([int(v) for v in vals[k:]], dtype=torch.int32).reshape(n, d, h, w)
            print(torch_unet3d.dice_ce(x, y).item(), torch_unetr.dice_ce(x, y).item())
            """;

    @Test
    void benchTwinsComputeTheJavaLoss() throws Exception {
        PythonPeer.require("torch");
        Random r = new Random(7);
        float[] x = new float[N * C * D * H * W];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextGaussian());
        int[] y = new int[N * D * H * W];
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(C);
        StringJoiner text = new StringJoiner(" ");
        for (float v : x) text.add(Float.toString(v));
        for (int v : y) text.add(Integer.toString(v));
        Path file = Files.createTempFile("dynaseg-twin-loss", ".txt");
        Files.writeString(file, text.toString());
        String[] out = PythonPeer.run(SCRIPT, Path.of("bench").toAbsolutePath().toString(), file.toString()).trim().split("\\s+");
        Files.deleteIfExists(file);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(x, new Shape(N, C, D, H, W));
            NDArray target = m.create(y, new Shape(N, D, H, W));
            float java = new DiceCrossEntropyLoss(true).compute(logits, target).getFloat();
            assertEquals(Double.parseDouble(out[0]), java, 1e-5, "bench/torch_unet3d.py");
            assertEquals(Double.parseDouble(out[1]), java, 1e-5, "bench/torch_unetr.py");
        }
    }

    @Test
    void unweightedLossOfUniformAndPerfectPredictionsIsAsHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray labels = m.create(new int[] {0, 1, 2, 1, 0, 2, 2, 1}, new Shape(1, 2, 2, 2));
            NDArray oneHot = labels.expandDims(1).eq(m.arange(0, 3, 1, DataType.INT32).reshape(1, 3, 1, 1, 1))
                    .toType(DataType.FLOAT32, false);
            DiceCrossEntropyLoss loss = new DiceCrossEntropyLoss(true);
            assertEquals(0f, loss.compute(oneHot.mul(50), labels).getFloat(), 1e-4f);
            // uniform softmax: CE = ln 3 (plain mean); Dice_c = 2 (n_c/3) / (8/3 + n_c) with n = (2, 3, 3)
            double dice = (2 * 2 / 3.0 / (8 / 3.0 + 2) + 2 * 2 * (3 / 3.0) / (8 / 3.0 + 3)) / 3;
            assertEquals(1 - dice + Math.log(3), loss.compute(m.zeros(new Shape(1, 3, 2, 2, 2)), labels).getFloat(), 1e-4);
        }
    }
}

package dynaseg.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Dice+CE on a fixed small tensor against torch 1.13 (its own softmax and F.cross_entropy(weight=...)). */
class TorchPeerLossTest {
    private static final String SCRIPT = """
            import sys, torch
            import torch.nn.functional as F
            n, c, d, h, w = 2, 4, 3, 4, 5
            vals = open(sys.argv[1]).read().split()
            k = n * c * d * h * w
            x = torch.tensor([float(v) for v in vals[:k]], dtype=torch.float64).reshape(n, c, d, h, w)
            y = torch.tensor([int(v) for v in vals[k:k + n * d * h * w]]).reshape(n, d, h, w)
            wt = torch.tensor([float(v) for v in vals[k + n * d * h * w:]], dtype=torch.float64)
            p = torch.softmax(x, 1)
            g = F.one_hot(y, c).permute(0, 4, 1, 2, 3).to(torch.float64)
            dims = (0, 2, 3, 4)
            dl = 1 - (2 * (p * g).sum(dims) + 1e-5) / (p.sum(dims) + g.sum(dims) + 1e-5)
            ce = F.cross_entropy(x, y, weight=wt)
            print((wt * dl).mean().item(), (wt[1:] * dl[1:]).mean().item(), ce.item())
            """;

    @Test
    void diceCeMatchesTorch() throws Exception {
        PythonPeer.require("torch");
        Random r = new Random(2024);
        float[] x = WeightedLossTest.randomLogits(r);
        int[] y = WeightedLossTest.randomLabels(r);
        float[] w = {1f, 0.1f, 2f, 1.25f};
        StringJoiner text = new StringJoiner(" ");
        for (float v : x) text.add(Float.toString(v));
        for (int v : y) text.add(Integer.toString(v));
        for (float v : w) text.add(Float.toString(v));
        Path file = Files.createTempFile("dynaseg-loss", ".txt");
        Files.writeString(file, text.toString());
        String[] out = PythonPeer.run(SCRIPT, file.toString()).trim().split("\\s+");
        Files.deleteIfExists(file);
        double diceBg = Double.parseDouble(out[0]);
        double diceNoBg = Double.parseDouble(out[1]);
        double ce = Double.parseDouble(out[2]);
        try (NDManager m = NDManager.newBaseManager()) {
            var logits = WeightedLossTest.logits(m, x);
            var target = WeightedLossTest.target(m, y);
            assertEquals(diceBg + ce, new DiceCrossEntropyLoss(true).compute(logits, target, w).getFloat(), 1e-5);
            assertEquals(diceNoBg + ce, new DiceCrossEntropyLoss(false).compute(logits, target, w).getFloat(), 1e-5);
            assertEquals(ce, new DiceCrossEntropyLoss(true).crossEntropy(logits, target, w).getFloat(), 1e-5);
        }
    }
}

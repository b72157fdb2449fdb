package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.PythonPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bench/torch_infer.py, the PyTorch peer of the inference benchmark, runs the same algorithm as
 * {@link SlidingWindowInference}: the same window starts, the same Gaussian map, and the same
 * blended probabilities for a "network" whose logits depend on the position inside the window
 * (so that blending matters), on a volume thinner than the patch along z (so padding matters).
 */
class TorchInferTwinTest {
    private static final int C = 3;
    private static final int[] DIMS = {6, 23, 18};
    private static final int[] PATCH = {8, 8, 8};

    private static final String SCRIPT = """
            import sys, json, torch
            sys.path.insert(0, sys.argv[1])
            import torch_infer as ti
            out = dict(steps=[ti.steps(s, p, o) for s, p, o in [(23, 8, 0.5), (100, 64, 0.5), (64, 64, 0.5), (37, 10, 0.25), (128, 64, 0.5)]],
                       gauss=ti.gaussian_map([8, 6, 5]).flatten().tolist())
            C, dims, patch = 3, [6, 23, 18], [8, 8, 8]
            z, y, x = torch.meshgrid(*[torch.arange(d, dtype=torch.float32) for d in dims], indexing='ij')
            vol = torch.sin(0.3 * z + 0.2 * y + 0.1 * x)
            c, pz, py, px = torch.meshgrid(*[torch.arange(d, dtype=torch.float32) for d in [C] + patch], indexing='ij')
            bias = 0.1 * c * pz - 0.05 * c * px + 0.02 * py
            net = lambda t: t * torch.arange(1, C + 1, dtype=torch.float32).view(1, C, 1, 1, 1) + bias
            with torch.no_grad():
                probs, windows = ti.sliding_window(net, vol, patch, 0.5, 3, ti.gaussian_map(patch))
            out['windows'] = windows
            out['probs'] = probs.flatten().tolist()
            print(json.dumps(out))
            """;

    @Test
    void theTorchPeerSlidesBlendsAndPadsAsWeDo() throws Exception {
        PythonPeer.require("torch");
        JsonNode peer = new ObjectMapper().readTree(PythonPeer.run(SCRIPT, Path.of("bench").toAbsolutePath().toString()));
        int[][] cases = {{23, 8}, {100, 64}, {64, 64}, {37, 10}, {128, 64}};
        double[] overlaps = {0.5, 0.5, 0.5, 0.25, 0.5};
        for (int i = 0; i < cases.length; i++) {
            int[] expected = new ObjectMapper().convertValue(peer.get("steps").get(i), int[].class);
            assertArrayEquals(WindowGrid.steps(cases[i][0], cases[i][1], overlaps[i]), expected, "steps of case " + i);
        }
        float[] gauss = GaussianImportanceMap.compute(new int[] {8, 6, 5});
        assertEquals(gauss.length, peer.get("gauss").size());
        for (int i = 0; i < gauss.length; i++) assertEquals(gauss[i], peer.get("gauss").get(i).asDouble(), 1e-6, "gauss " + i);

        int n = DIMS[0] * DIMS[1] * DIMS[2];
        float[] volume = new float[n];
        for (int z = 0; z < DIMS[0]; z++) {
            for (int y = 0; y < DIMS[1]; y++) {
                for (int x = 0; x < DIMS[2]; x++) volume[(z * DIMS[1] + y) * DIMS[2] + x] = (float) Math.sin(0.3 * z + 0.2 * y + 0.1 * x);
            }
        }
        float[] bias = new float[C * 512];
        for (int c = 0; c < C; c++) {
            for (int z = 0; z < 8; z++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) bias[((c * 8 + z) * 8 + y) * 8 + x] = 0.1f * c * z - 0.05f * c * x + 0.02f * y;
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray b = m.create(bias, new ai.djl.ndarray.types.Shape(1, C, 8, 8, 8));
            b.detach();
            SlidingWindowInference sw = SlidingWindowInference.builder().setPatch(PATCH).optOverlap(0.5).optWindowBatch(3).build();
            int[] calls = {0};
            SlidingWindowInference.Prediction p = sw.predict(m, volume, DIMS, x -> {
                calls[0]++;
                NDArray scale = x.getManager().arange(1f, C + 1f).reshape(1, C, 1, 1, 1);
                return x.mul(scale).add(b);
            });
            b.close();
            assertEquals(peer.get("windows").asInt(), WindowGrid.origins(new int[] {8, 23, 18}, PATCH, 0.5).size());
            JsonNode probs = peer.get("probs");
            assertEquals(C * n, probs.size());
            for (int c = 0; c < C; c++) {
                float[] ch = p.channel(c);
                for (int v = 0; v < n; v++) assertEquals(ch[v], probs.get(c * n + v).asDouble(), 2e-5, "class " + c + " voxel " + v);
            }
        }
    }
}

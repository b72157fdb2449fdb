package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.testutil.PythonPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowGridTest {
    @Test
    void stepsByHand() {
        // nnU-Net: n = ceil((size - patch) / (patch * 0.5)) + 1, spread evenly, last ends at the border
        assertArrayEquals(new int[] {0}, WindowGrid.steps(96, 96, 0.5));
        assertArrayEquals(new int[] {0, 4}, WindowGrid.steps(100, 96, 0.5));
        assertArrayEquals(new int[] {0, 35, 69, 104}, WindowGrid.steps(200, 96, 0.5)); // 104/3 = 34.67
        assertArrayEquals(new int[] {0, 48, 96}, WindowGrid.steps(192, 96, 0.5));
        assertArrayEquals(new int[] {0, 96}, WindowGrid.steps(192, 96, 0.0));
        assertArrayEquals(new int[] {0, 8, 16, 24}, WindowGrid.steps(40, 16, 0.5));
        assertArrayEquals(new int[] {0, 4, 8}, WindowGrid.steps(24, 16, 0.75)); // ceil(8/4)+1 = 3
        // halves round to even as numpy: (21 - 16) / 2 = 2.5 -> 2
        assertArrayEquals(new int[] {0, 2, 5}, WindowGrid.steps(21, 16, 0.75));
    }

    /** nnU-Net v2's compute_steps_for_sliding_window, run by numpy, over many sizes. */
    @Test
    void agreesWithNnUnetsFormulaInNumpy() {
        PythonPeer.require("numpy");
        String script = String.join("\n",
                "import numpy as np",
                "for image in range(16, 140, 3):",
                "    for tile, step in ((16, 0.5), (24, 0.5), (16, 0.25), (20, 1.0), (32, 0.3)):",
                "        if image < tile: continue",
                "        target = tile * step",
                "        n = int(np.ceil((image - tile) / target)) + 1",
                "        actual = (image - tile) / (n - 1) if n > 1 else 99999999999",
                "        steps = [int(np.round(actual * i)) for i in range(n)]",
                "        print(image, tile, step, ' '.join(map(str, steps)))");
        int checked = 0;
        for (String line : PythonPeer.run(script).strip().split("\n")) {
            String[] f = line.trim().split(" ", 4);
            int image = Integer.parseInt(f[0]);
            int tile = Integer.parseInt(f[1]);
            double overlap = 1 - Double.parseDouble(f[2]);
            int[] expected = java.util.Arrays.stream(f[3].split(" ")).mapToInt(Integer::parseInt).toArray();
            assertArrayEquals(expected, WindowGrid.steps(image, tile, overlap), line);
            checked++;
        }
        assertTrue(checked > 150);
    }

    @Test
    void windowsCoverEveryVoxelAndStayInside() {
        int[] dims = {37, 20, 53};
        int[] patch = {16, 16, 24};
        List<int[]> origins = WindowGrid.origins(dims, patch, 0.5);
        int[] cover = new int[dims[0] * dims[1] * dims[2]];
        for (int[] o : origins) {
            for (int a = 0; a < 3; a++) assertTrue(o[a] >= 0 && o[a] + patch[a] <= dims[a]);
            for (int z = 0; z < patch[0]; z++) {
                for (int y = 0; y < patch[1]; y++) {
                    for (int x = 0; x < patch[2]; x++) cover[((o[0] + z) * dims[1] + o[1] + y) * dims[2] + o[2] + x]++;
                }
            }
        }
        for (int c : cover) assertTrue(c >= 1);
        assertEquals(WindowGrid.steps(37, 16, 0.5).length * WindowGrid.steps(20, 16, 0.5).length
                * WindowGrid.steps(53, 24, 0.5).length, origins.size());
    }

    @Test
    void volumeSmallerThanPatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.steps(10, 16, 0.5));
        assertThrows(IllegalArgumentException.class, () -> WindowGrid.steps(20, 16, 1.0));
    }
}

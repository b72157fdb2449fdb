package dynaseg.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {
    @Test
    void impulseSpreadsAsTheProductOfThreeGaussians() {
        int n = 11;
        float[] data = new float[n * n * n];
        int c = 5;
        data[c + n * (c + n * c)] = 1000;
        double sigma = 0.8;
        GaussianBlur.apply(data, n, n, n, sigma);
        double norm = 0;
        for (int i = -3; i <= 3; i++) norm += Math.exp(-0.5 * i * i / (sigma * sigma));
        double total = 0;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double expected = 1000;
            for (int d : new int[] {x - c, y - c, z - c}) {
                expected *= Math.abs(d) <= 3 ? Math.exp(-0.5 * d * d / (sigma * sigma)) / norm : 0;
            }
            float got = data[x + n * (y + n * z)];
            assertEquals(expected, got, 1e-3, "at " + x + "," + y + "," + z);
            total += got;
        }
        assertEquals(1000, total, 1e-2);
    }

    @Test
    void constantStaysConstantUpToTheEdges() {
        int nx = 4, ny = 5, nz = 6;
        float[] data = new float[nx * ny * nz];
        java.util.Arrays.fill(data, -100f);
        GaussianBlur.apply(data, nx, ny, nz, 1.2);
        for (float v : data) assertEquals(-100f, v, 1e-3);
    }
}

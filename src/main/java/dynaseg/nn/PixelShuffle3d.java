package dynaseg.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * 3D pixel shuffle with factor 2 (the 3D form of Shi et al. 2016's sub-pixel convolution):
 * (N, 8*C, D, H, W) -> (N, C, 2D, 2H, 2W), where input channel {@code c*8 + a*4 + b*2 + w}
 * fills output voxel offset (a, b, w) of each 2x2x2 cell.
 */
public final class PixelShuffle3d {
    private PixelShuffle3d() {}

    public static NDArray shuffle(NDArray x, int channels) {
        Shape s = x.getShape();
        if (s.dimension() != 5 || s.get(1) != 8L * channels) {
            throw new IllegalArgumentException("pixel shuffle expects (N, " + 8 * channels + ", D, H, W), got " + s);
        }
        long n = s.get(0);
        long d = s.get(2);
        long h = s.get(3);
        long w = s.get(4);
        // (n, c, a, b, e, d, h, w) -> (n, c, d, a, h, b, w, e)
        return x.reshape(n, channels, 2, 2, 2, d, h, w)
                .transpose(0, 1, 5, 2, 6, 3, 7, 4)
                .reshape(n, channels, 2 * d, 2 * h, 2 * w);
    }
}

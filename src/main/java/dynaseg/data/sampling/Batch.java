package dynaseg.data.sampling;

/**
 * A training batch as plain arrays, ready to become tensors: {@code images} is (n, 1, d, h, w)
 * float32 (preprocessed intensities in [0, 1]), {@code labels} is (n, d, h, w) with class ids
 * 0..C-1 (0 = background), both in C order with w (x) fastest. {@code patch} is {d, h, w} = {z, y, x}.
 */
public record Batch(float[] images, byte[] labels, int n, int[] patch) {
    public Batch {
        int voxels = patch[0] * patch[1] * patch[2];
        if (images.length != n * voxels || labels.length != n * voxels) {
            throw new IllegalArgumentException("batch arrays do not match n=" + n + " patch " + java.util.Arrays.toString(patch));
        }
    }
}

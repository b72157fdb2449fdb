package dynaseg.data.sampling;

import java.util.SplittableRandom;

/**
 * Random patch augmentation, applied in place to one slot of (n, 1, d, h, w) image and
 * (n, d, h, w) label arrays: a flip along each axis (probability {@code flipProbability} each), an
 * in-plane (y-x) rotation by 1-3 quarter turns ({@code rotateProbability}; only for square
 * in-plane patches), an intensity scale v * (1 + U(-scaleRange, scaleRange)) ({@code scaleProbability})
 * and shift v + U(-shiftRange, shiftRange) ({@code shiftProbability}); intensities are not
 * clipped afterwards. Defaults follow MONAI's Swin-UNETR/UNETR BTCV recipe (RandFlipd 0.1 per
 * axis, RandRotate90d 0.1, RandScaleIntensityd 0.1 by 0.1, RandShiftIntensityd 0.5 by 0.1).
 */
public record Augmentation(double flipProbability, double rotateProbability,
                           double scaleProbability, double scaleRange,
                           double shiftProbability, double shiftRange) {

    /** One drawn augmentation; quarterTurns rotates y towards x like {@code np.rot90(a, k, axes=(1, 2))} on (d, h, w). */
    public record Transform(boolean flipZ, boolean flipY, boolean flipX, int quarterTurns, float scale, float shift) {
        public static final Transform IDENTITY = new Transform(false, false, false, 0, 1f, 0f);
    }

    public static Augmentation defaults() { return new Augmentation(0.1, 0.1, 0.1, 0.1, 0.5, 0.1); }

    public static Augmentation none() { return new Augmentation(0, 0, 0, 0, 0, 0); }

    /** Draws a transform for a {d, h, w} patch; always consumes the same count of random numbers. */
    public Transform draw(SplittableRandom rng, int[] patch) {
        boolean fz = rng.nextDouble() < flipProbability;
        boolean fy = rng.nextDouble() < flipProbability;
        boolean fx = rng.nextDouble() < flipProbability;
        boolean rotate = rng.nextDouble() < rotateProbability;
        int k = 1 + rng.nextInt(3);
        boolean scale = rng.nextDouble() < scaleProbability;
        double s = rng.nextDouble(-1, 1) * scaleRange;
        boolean shift = rng.nextDouble() < shiftProbability;
        double t = rng.nextDouble(-1, 1) * shiftRange;
        int turns = rotate && patch[1] == patch[2] ? k : 0;
        return new Transform(fz, fy, fx, turns, scale ? (float) (1 + s) : 1f, shift ? (float) t : 0f);
    }

    /** Draws and applies a transform to slot {@code slot}; returns what was applied. */
    public Transform apply(SplittableRandom rng, float[] images, byte[] labels, int slot, int[] patch) {
        Transform t = draw(rng, patch);
        apply(t, images, labels, slot, patch);
        return t;
    }

    /** Flips, then rotates, then changes intensities. */
    public static void apply(Transform t, float[] images, byte[] labels, int slot, int[] patch) {
        int base = slot * patch[0] * patch[1] * patch[2];
        flip(t, images, labels, base, patch);
        rotate(t.quarterTurns(), images, labels, base, patch);
        int n = patch[0] * patch[1] * patch[2];
        if (t.scale() != 1f || t.shift() != 0f) {
            for (int i = base; i < base + n; i++) images[i] = images[i] * t.scale() + t.shift();
        }
    }

    /** Undoes {@link #apply(Transform, float[], byte[], int, int[])} (intensities up to rounding). */
    public static void invert(Transform t, float[] images, byte[] labels, int slot, int[] patch) {
        int base = slot * patch[0] * patch[1] * patch[2];
        int n = patch[0] * patch[1] * patch[2];
        if (t.scale() != 1f || t.shift() != 0f) {
            for (int i = base; i < base + n; i++) images[i] = (images[i] - t.shift()) / t.scale();
        }
        rotate((4 - t.quarterTurns()) % 4, images, labels, base, patch);
        flip(t, images, labels, base, patch);
    }

    private static void flip(Transform t, float[] img, byte[] lab, int base, int[] p) {
        int d = p[0], h = p[1], w = p[2];
        if (t.flipX()) {
            for (int row = 0; row < d * h; row++) {
                int r = base + row * w;
                for (int a = r, b = r + w - 1; a < b; a++, b--) swap(img, lab, a, b);
            }
        }
        if (t.flipY()) {
            for (int z = 0; z < d; z++) {
                for (int y0 = 0, y1 = h - 1; y0 < y1; y0++, y1--) {
                    int a = base + (z * h + y0) * w, b = base + (z * h + y1) * w;
                    for (int x = 0; x < w; x++) swap(img, lab, a + x, b + x);
                }
            }
        }
        if (t.flipZ()) {
            int plane = h * w;
            for (int z0 = 0, z1 = d - 1; z0 < z1; z0++, z1--) {
                int a = base + z0 * plane, b = base + z1 * plane;
                for (int i = 0; i < plane; i++) swap(img, lab, a + i, b + i);
            }
        }
    }

    private static void swap(float[] img, byte[] lab, int a, int b) {
        float f = img[a];
        img[a] = img[b];
        img[b] = f;
        byte l = lab[a];
        lab[a] = lab[b];
        lab[b] = l;
    }

    /** np.rot90 semantics on each (y, x) plane: k=1: out[y][x] = in[x][n-1-y]. */
    private static void rotate(int k, float[] img, byte[] lab, int base, int[] p) {
        if (k == 0) return;
        int d = p[0], n = p[1];
        if (p[1] != p[2]) throw new IllegalArgumentException("in-plane rotation needs h == w");
        float[] fi = new float[n * n];
        byte[] bi = new byte[n * n];
        for (int z = 0; z < d; z++) {
            int off = base + z * n * n;
            System.arraycopy(img, off, fi, 0, n * n);
            System.arraycopy(lab, off, bi, 0, n * n);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int src = switch (k) {
                        case 1 -> x * n + (n - 1 - y);
                        case 2 -> (n - 1 - y) * n + (n - 1 - x);
                        default -> (n - 1 - x) * n + y;
                    };
                    img[off + y * n + x] = fi[src];
                    lab[off + y * n + x] = bi[src];
                }
            }
        }
    }
}

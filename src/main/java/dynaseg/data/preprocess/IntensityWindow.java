package dynaseg.data.preprocess;

import dynaseg.io.Volume;

/**
 * Clips intensities to [low, high] and maps that window linearly onto [0, 1] (MONAI's
 * {@code ScaleIntensityRanged(a_min, a_max, b_min=0, b_max=1, clip=True)}). The default window,
 * -175..250 HU, is the one of MONAI's BTCV recipe (soft tissue of the abdomen).
 */
public record IntensityWindow(double low, double high) {
    public static final IntensityWindow BTCV = new IntensityWindow(-175, 250);

    public IntensityWindow {
        if (!(high > low)) throw new IllegalArgumentException("intensity window needs low < high, got " + low + ".." + high);
    }

    /** A new array with each value clipped and scaled. */
    public float[] apply(float[] values) {
        float[] out = new float[values.length];
        float lo = (float) low;
        float scale = (float) (1.0 / (high - low));
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            // NaN maps to 0 rather than poisoning the network
            out[i] = v > lo ? Math.min(1f, (v - lo) * scale) : 0f;
        }
        return out;
    }

    public Volume apply(Volume v) { return new Volume(v.geometry(), apply(v.voxels())); }
}

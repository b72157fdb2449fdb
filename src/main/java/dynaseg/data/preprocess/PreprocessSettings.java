package dynaseg.data.preprocess;

import dynaseg.settings.SettingCheck;
import java.util.Arrays;
import java.util.Locale;

/**
 * How cases are preprocessed before sampling: voxel size after resampling ({@code targetSpacing}
 * x, y, z in mm; null keeps each case's own), the HU window mapped to [0, 1], and whether to crop
 * to the body (voxels above {@code bodyThresholdHu}, plus {@code bodyMarginMm}). Defaults:
 * 1.5 x 1.5 x 2.0 mm and -175..250 HU as in MONAI's BTCV recipe, body crop on.
 */
public record PreprocessSettings(double[] targetSpacing, double huLow, double huHigh, boolean cropToBody,
                                 double bodyThresholdHu, double bodyMarginMm) {
    public PreprocessSettings {
        checkSpacingAndWindow(targetSpacing, huLow, huHigh);
        targetSpacing = targetSpacing == null ? null : targetSpacing.clone();
        if (bodyMarginMm < 0) throw new IllegalArgumentException("body margin must be >= 0 mm");
    }

    /**
     * The checks of the run config's {@code target-spacing} and {@code hu-window} keys (the
     * message names the key): 3 positive finite spacings or null, and low &lt; high.
     */
    private static void checkSpacingAndWindow(double[] targetSpacing, double huLow, double huHigh) {
        SettingCheck.require(targetSpacing == null || (targetSpacing.length == 3
                && Arrays.stream(targetSpacing).allMatch(s -> s > 0 && Double.isFinite(s))), "target-spacing",
                Arrays.toString(targetSpacing), "3 positive spacings (mm, x y z), or null to keep each case's own");
        SettingCheck.require(huHigh > huLow, "hu-window", "[" + huLow + ", " + huHigh + "]",
                "[low, high] with low < high");
    }

    public PreprocessSettings(double[] targetSpacing, double huLow, double huHigh, boolean cropToBody) {
        this(targetSpacing, huLow, huHigh, cropToBody, BodyCrop.DEFAULT_THRESHOLD_HU, BodyCrop.DEFAULT_MARGIN_MM);
    }

    public static PreprocessSettings defaults() {
        return new PreprocessSettings(new double[] {1.5, 1.5, 2.0}, -175, 250, true);
    }

    @Override
    public double[] targetSpacing() { return targetSpacing == null ? null : targetSpacing.clone(); }

    public IntensityWindow window() { return new IntensityWindow(huLow, huHigh); }

    public PreprocessSettings withTargetSpacing(double[] spacing) {
        return new PreprocessSettings(spacing, huLow, huHigh, cropToBody, bodyThresholdHu, bodyMarginMm);
    }

    public PreprocessSettings withWindow(double low, double high) {
        return new PreprocessSettings(targetSpacing, low, high, cropToBody, bodyThresholdHu, bodyMarginMm);
    }

    public PreprocessSettings withCropToBody(boolean crop) {
        return new PreprocessSettings(targetSpacing, huLow, huHigh, crop, bodyThresholdHu, bodyMarginMm);
    }

    /** A canonical text of every setting, the basis of the cache key. */
    public String key() {
        String spacing = targetSpacing == null ? "native"
                : String.format(Locale.ROOT, "%s,%s,%s", targetSpacing[0], targetSpacing[1], targetSpacing[2]);
        return String.format(Locale.ROOT, "spacing=%s;window=%s,%s;crop=%s;threshold=%s;margin=%s",
                spacing, huLow, huHigh, cropToBody, bodyThresholdHu, bodyMarginMm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessSettings p && key().equals(p.key());
    }

    @Override
    public int hashCode() { return key().hashCode(); }

    @Override
    public String toString() { return "PreprocessSettings[" + key() + "]"; }
}

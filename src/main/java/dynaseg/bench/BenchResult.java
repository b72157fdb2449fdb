package dynaseg.bench;

/**
 * One benchmark figure: our measurement against the independent peer's (nibabel, PyTorch, ...)
 * on the same machine, in the same unit, where smaller is better (ms, MB). {@code peer} is NaN
 * when the peer could not run.
 *
 * @param group what was measured, e.g. "io"
 * @param name the measurement, e.g. "write 512x512x100 int16 .nii.gz"
 */
public record BenchResult(String group, String name, double ours, double peer, String unit) {
    /** peer / ours: above 1 means we are faster (or smaller); NaN without a peer figure. */
    public double ratio() {
        return peer / ours;
    }
}

package dynaseg.spark;

import java.io.Serializable;

/**
 * What became of one run of a sweep: trained from the start, resumed from a checkpoint, reused
 * (finished before), or failed (after the last attempt; {@code message} says why).
 */
public record SweepResult(String dir, Status status, String message, double seconds, int attempt) implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Status { TRAINED, RESUMED, REUSED, FAILED }
}

package dynaseg.spark;

import java.io.Serializable;

/**
 * What became of one scan in a task: {@code status} written, skipped (its prediction was there),
 * completed (only its missing per-organ outputs were added) or failed; {@code message} is the
 * job's line about the case (the reason when it failed); {@code seconds} the task's time on it.
 */
public record ScanResult(String input, Status status, String message, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Status { WRITTEN, SKIPPED, COMPLETED, FAILED }
}

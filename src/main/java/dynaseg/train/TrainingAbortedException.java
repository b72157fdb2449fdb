package dynaseg.train;

/** The run cannot go on (e.g. repeated non-finite losses); the last good checkpoint is kept. */
public final class TrainingAbortedException extends RuntimeException {
    public TrainingAbortedException(String message) {
        super(message);
    }
}

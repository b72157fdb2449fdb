package dynaseg.data;

/** Listener told after each finished unit of work (e.g. a preprocessed case); called from worker threads. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, item) -> {};

    /** {@code done} of {@code total} units are finished; {@code item} names the one just finished. */
    void update(int done, int total, String item);
}

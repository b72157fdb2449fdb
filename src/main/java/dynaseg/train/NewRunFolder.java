package dynaseg.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dynaseg.run.RunDirectory;
import dynaseg.io.AtomicFiles;

/**
 * The run folder of a new run, made so that a start that fails before the first epoch can take
 * back exactly what it made. Otherwise a typo (say in {@code --data}) would leave
 * {@code checkpoints/} behind, and the corrected command would refuse the folder as "already
 * holding a run" that {@code --resume} cannot continue either. Only what was missing before
 * {@link #create} is ever deleted: a folder the user had, and whatever it held, stays.
 */
final class NewRunFolder {
    /** The topmost folder of the run path that did not exist, or null when the run folder did. */
    private final Path createdTop;
    /** The run's own entries that did not exist in a folder the user had. */
    private final List<Path> createdEntries;

    private NewRunFolder(Path createdTop, List<Path> createdEntries) {
        this.createdTop = createdTop;
        this.createdEntries = createdEntries;
    }

    /** Notes what is missing, then creates the run folder with {@link RunDirectory#create}. */
    static NewRunFolder create(RunDirectory run) throws IOException {
        Path top = null;
        for (Path p = run.root(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) top = p;
        List<Path> entries = new ArrayList<>();
        if (top == null) {
            for (Path p : List.of(run.config(), run.metrics(), run.events(), run.checkpoints(), run.plots(), run.testDir())) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) entries.add(p);
            }
        }
        RunDirectory.create(run.root());
        return new NewRunFolder(top, entries);
    }

    /** Deletes what this attempt made: the whole folder when it made it, else the run's entries it added. */
    void discard() throws IOException {
        if (createdTop != null) {
            AtomicFiles.deleteTree(createdTop);
            return;
        }
        for (Path p : createdEntries) AtomicFiles.deleteTree(p);
    }
}

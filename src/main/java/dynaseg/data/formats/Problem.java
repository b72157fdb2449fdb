package dynaseg.data.formats;

import java.nio.file.Path;

/**
 * A case that could not be used and was skipped: its id, the offending file (null when the problem
 * is not one file's) and what is wrong. Commands print these as warnings; {@code --strict} turns
 * the first one into an error.
 */
public record Problem(String caseId, Path file, String message) {
    @Override
    public String toString() {
        return "case " + caseId + ": " + (file != null ? file + ": " : "") + message;
    }
}

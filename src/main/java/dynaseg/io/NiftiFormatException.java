package dynaseg.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a NIfTI file dynaseg can read; the message names the file and the problem. */
public class NiftiFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NiftiFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public NiftiFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}

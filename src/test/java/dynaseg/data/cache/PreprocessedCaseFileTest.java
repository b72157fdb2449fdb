package dynaseg.data.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.SamplingTest;

class PreprocessedCaseFileTest {
    @TempDir Path dir;

    @Test
    void roundTripsExactly() throws IOException {
        PreprocessedCase c = SamplingTest.indexedCase("case_0042", 17, 9, 5);
        Path f = dir.resolve("sub/c.bin");
        PreprocessedCaseFile.write(c, f);
        PreprocessedCase r = PreprocessedCaseFile.read(f);
        assertEquals("case_0042", r.id());
        assertTrue(r.image().geometry().sameGrid(c.image().geometry(), 0));
        assertArrayEquals(c.image().voxels(), r.image().voxels());
        assertArrayEquals(c.labels().labels(), r.labels().labels());
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void truncatedFileIsRejectedNamingIt() throws IOException {
        PreprocessedCase c = SamplingTest.indexedCase("x", 8, 8, 8);
        Path f = dir.resolve("c.bin");
        PreprocessedCaseFile.write(c, f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 3));
        IOException e = assertThrows(IOException.class, () -> PreprocessedCaseFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}

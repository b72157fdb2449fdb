package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacedFileHasTheModeOfAnyNewFileNotOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = dir.resolve("out.bin");
        TempFiles.replace(target, out -> out.write(new byte[] {1, 2, 3}));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
        assertEquals(Files.getPosixFilePermissions(plain), mode);
        // what Files.createTempFile gives, and what this class exists to avoid
        Path owned = Files.createTempFile(dir, "x", ".tmp");
        assertNotEquals(Files.getPosixFilePermissions(owned), mode, "owner-only like createTempFile");
        Files.delete(owned);
        assumeTrue(Files.getPosixFilePermissions(plain).contains(PosixFilePermission.OTHERS_READ), "umask hides files from others");
        assertTrue(mode.containsAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)), "mode " + mode);
    }

    @Test
    void replaceSwapsWholeFilesAndAFailureLeavesTheOldOne() throws IOException {
        Path target = dir.resolve("a.txt");
        TempFiles.replace(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        TempFiles.replace(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertThrows(IOException.class, () -> TempFiles.replace(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of("a.txt"), names(), "no temporary file left");
    }

    @Test
    void createdFilesAreNewEmptyAndDistinct() throws IOException {
        Path a = TempFiles.create(dir.resolve("sub"), "p", ".tmp");
        Path b = TempFiles.create(dir.resolve("sub"), "p", ".tmp");
        assertNotEquals(a, b);
        assertEquals(0, Files.size(a));
        assertTrue(a.getFileName().toString().startsWith("p") && a.getFileName().toString().endsWith(".tmp"));
    }
}

package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void writeCheckpoint(Path d, int epoch) throws IOException {
        Files.writeString(d.resolve("model.params"), "model of epoch " + epoch);
        Files.writeString(d.resolve("state.json"), "{\"epoch\":" + epoch + "}");
    }

    private static String epochOf(Path checkpoint) throws IOException {
        return Files.readString(checkpoint.resolve("state.json"));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fileIsReplacedAndNoTempFileRemains() throws IOException {
        Path f = dir.resolve("config.yaml");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("config.yaml"), names());
    }

    @Test
    void writtenFilesAreReadableByOthersAsAnyNewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path f = dir.resolve("config.yaml");
        AtomicFiles.writeString(f, "one");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
        assumeTrue(Files.getPosixFilePermissions(plain).contains(PosixFilePermission.OTHERS_READ), "umask hides files from others");
        assertTrue(Files.getPosixFilePermissions(f).containsAll(
                Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)), "mode " + Files.getPosixFilePermissions(f));
    }

    @Test
    void failingWriterLeavesTheOldFile() throws IOException {
        Path f = dir.resolve("metrics.csv");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("metrics.csv"), names());
    }

    @Test
    void directoryIsReplacedWhole() throws IOException {
        Path last = dir.resolve("last");
        AtomicFiles.writeDirectory(last, d -> {
            writeCheckpoint(d, 1);
            Files.writeString(d.resolve("only-in-1"), "x");
        });
        AtomicFiles.writeDirectory(last, d -> writeCheckpoint(d, 2));
        assertEquals("{\"epoch\":2}", epochOf(last));
        assertFalse(Files.exists(last.resolve("only-in-1")), "old files don't survive");
        assertEquals(List.of("last"), names());
    }

    @Test
    void failingDirectoryWriterLeavesTheOldDirectory() throws IOException {
        Path last = dir.resolve("last");
        AtomicFiles.writeDirectory(last, d -> writeCheckpoint(d, 1));
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(last, d -> {
            Files.writeString(d.resolve("model.params"), "partial");
            throw new IOException("killed");
        }));
        assertEquals("{\"epoch\":1}", epochOf(last));
        assertEquals(List.of("last"), names());
    }

    @Test
    void crashWhileWritingLeavesTheOldCheckpoint() throws IOException {
        Path last = dir.resolve("last");
        AtomicFiles.writeDirectory(last, d -> writeCheckpoint(d, 1));
        // state after a kill during step 1: a partial last.tmp next to the complete last
        Path tmp = Files.createDirectory(dir.resolve("last" + AtomicFiles.TMP_SUFFIX));
        Files.writeString(tmp.resolve("model.params"), "partial");
        Optional<Path> found = AtomicFiles.recoverDirectory(last);
        assertEquals(Optional.of(last.toAbsolutePath()), found);
        assertEquals("{\"epoch\":1}", epochOf(last));
        assertEquals(List.of("last"), names());
    }

    @Test
    void crashBetweenTheRenamesRestoresTheOldCheckpoint() throws IOException {
        // state after a kill between steps 2 and 3: last.old (epoch 1) and last.tmp (epoch 2), no last
        Path old = Files.createDirectory(dir.resolve("last" + AtomicFiles.OLD_SUFFIX));
        writeCheckpoint(old, 1);
        Path tmp = Files.createDirectory(dir.resolve("last" + AtomicFiles.TMP_SUFFIX));
        writeCheckpoint(tmp, 2);
        Path last = dir.resolve("last");
        assertTrue(AtomicFiles.recoverDirectory(last).isPresent());
        assertEquals("{\"epoch\":1}", epochOf(last));
        assertEquals(List.of("last"), names());
    }

    @Test
    void crashBeforeDeletingTheOldKeepsTheNewCheckpoint() throws IOException {
        Path old = Files.createDirectory(dir.resolve("last" + AtomicFiles.OLD_SUFFIX));
        writeCheckpoint(old, 1);
        Path last = Files.createDirectory(dir.resolve("last"));
        writeCheckpoint(last, 2);
        AtomicFiles.recoverDirectory(last);
        assertEquals("{\"epoch\":2}", epochOf(last));
        assertEquals(List.of("last"), names());
    }

    @Test
    void nothingWrittenYetIsEmpty() throws IOException {
        assertEquals(Optional.empty(), AtomicFiles.recoverDirectory(dir.resolve("best")));
    }

    @Test
    void copyDirectoryCopiesNestedFiles() throws IOException {
        Path last = dir.resolve("last");
        AtomicFiles.writeDirectory(last, d -> {
            writeCheckpoint(d, 3);
            Files.createDirectories(d.resolve("sub"));
            Files.writeString(d.resolve("sub/x.bin"), "nested");
        });
        Path best = dir.resolve("best");
        AtomicFiles.copyDirectory(last, best);
        assertEquals("{\"epoch\":3}", epochOf(best));
        assertEquals("nested", Files.readString(best.resolve("sub/x.bin")));
    }

    @Test
    void leftoverTempFilesAreDeletedButNotCheckpoints() throws IOException {
        Files.writeString(dir.resolve(".metrics.csv.123.tmp"), "torn");
        Files.writeString(dir.resolve("metrics.csv"), "kept");
        Files.createDirectory(dir.resolve("last"));
        assertEquals(1, AtomicFiles.deleteLeftoverTempFiles(dir));
        assertEquals(List.of("last", "metrics.csv"), names());
    }

    /**
     * The real thing: a child JVM rewrites a checkpoint in a loop and is killed with SIGKILL at
     * arbitrary moments; after recovery the checkpoint must be complete and self-consistent.
     */
    @Test
    void killMinus9AtAnyMomentLeavesACompleteCheckpoint() throws Exception {
        Path last = dir.resolve("checkpoints/last");
        for (int round = 0; round < 4; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CheckpointWriterLoop.class.getName(), last.toString())
                    .redirectErrorStream(true).start();
            // wait until the child wrote at least one checkpoint, then let it run a little more
            String line = new String(p.getInputStream().readNBytes(6));
            assertEquals("ready\n", line, "child did not start");
            Thread.sleep(50 + 40L * round);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            Optional<Path> found = AtomicFiles.recoverDirectory(last);
            assertTrue(found.isPresent(), "a checkpoint survives");
            int epoch = Integer.parseInt(Files.readString(last.resolve("state.json")).replaceAll("\\D", ""));
            assertEquals("model of epoch " + epoch, Files.readString(last.resolve("model.params")));
            assertEquals(CheckpointWriterLoop.BIG, Files.size(last.resolve("optimizer.bin")));
            try (Stream<Path> s = Files.list(last.getParent())) {
                assertEquals(List.of("last"), s.map(x -> x.getFileName().toString()).toList());
            }
        }
    }

    /** Child process of the kill test. */
    public static final class CheckpointWriterLoop {
        static final int BIG = 1 << 20;

        public static void main(String[] args) throws IOException {
            Path last = Path.of(args[0]);
            byte[] big = new byte[BIG];
            for (int epoch = 1; ; epoch++) {
                int e = epoch;
                AtomicFiles.writeDirectory(last, d -> {
                    Files.writeString(d.resolve("model.params"), "model of epoch " + e);
                    Files.write(d.resolve("optimizer.bin"), big);
                    Files.writeString(d.resolve("state.json"), "{\"epoch\":" + e + "}");
                });
                if (epoch == 1) {
                    System.out.print("ready\n");
                    System.out.flush();
                }
            }
        }
    }

}

package dynaseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.testutil.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check in local mode: {@code predict --spark local[2]} writes the same files, byte for
 * byte, as plain predict; a rerun skips every scan; a scan that cannot be read is named and the
 * others are written.
 */
class SparkCohortPredictionTest {
    @TempDir static Path tmp;
    static Path data;
    static Path model;
    static String threads;

    @BeforeAll
    static void trainAndExport() throws Exception {
        threads = System.getProperty(SparkSupport.THREADS_PROPERTY);
        data = tmp.resolve("data");
        new SyntheticDatasetWriter(new PhantomGenerator(24, new double[] {3, 3, 3}, 5), 2).write(data, 4, "tiny", n -> {});
        Path run = tmp.resolve("run");
        CommandRun train = CommandRun.of("train", "--data", data.toString(), "--cache", tmp.resolve("cache").toString(),
                "--channels", "4,8", "--patch", "16", "--target-spacing", "3,3,3", "--batch", "1", "--iterations-per-epoch", "2",
                "--lr", "1e-2", "--epochs", "2", "--out", run.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        model = tmp.resolve("model.zip");
        CommandRun export = CommandRun.of("export", run.toString(), "--out", model.toString());
        assertEquals(0, export.exitCode(), export.out() + export.err());
    }

    @AfterAll
    static void restoreThreads() {
        if (threads != null) System.setProperty(SparkSupport.THREADS_PROPERTY, threads);
    }

    @Test
    void sparkLocalGivesThePlainPredictionsByteForByteSkipsOnARerunAndNamesAFailedScan() throws Exception {
        Path images = data.resolve("imagesTr");
        Path plain = tmp.resolve("pred-plain");
        Path spark = tmp.resolve("pred-spark");
        CommandRun a = CommandRun.of("predict", "--model", model.toString(), "-i", images.toString(), "-o", plain.toString(),
                "--progress", "lines");
        assertEquals(0, a.exitCode(), a.out() + a.err());
        CommandRun b = CommandRun.of("predict", "--model", model.toString(), "-i", images.toString(), "-o", spark.toString(),
                "--spark", "local[2]");
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(b.out().contains("4 written, 0 skipped, 0 failed"), b.out());
        assertTrue(b.out().contains("scans per minute"), b.out());
        List<Path> files = files(plain);
        assertEquals(files, files(spark));
        assertTrue(files.size() >= 6, files.toString()); // 4 label maps, labels.json, labels.ctbl
        for (Path f : files) assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(spark.resolve(f)), f.toString());

        CommandRun again = CommandRun.of("predict", "--model", model.toString(), "-i", images.toString(), "-o", spark.toString(),
                "--spark", "local[2]");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("0 written, 4 skipped, 0 failed"), again.out());

        // a list of scans, one of them broken: named, the others written
        Path broken = tmp.resolve("broken.nii.gz");
        Files.write(broken, new byte[] {1, 2, 3});
        Path list = tmp.resolve("scans.txt");
        Files.writeString(list, "# scans\nbroken.nii.gz\n" + images.resolve("case_0000.nii.gz") + "\n" + images.resolve("case_0001.nii.gz") + "\n");
        Path mixed = tmp.resolve("pred-mixed");
        CommandRun c = CommandRun.of("predict", "--model", model.toString(), "-i", list.toString(), "-o", mixed.toString(),
                "--spark", "local[2]");
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("2 written, 0 skipped, 1 failed"), c.out());
        assertTrue(c.err().contains("broken.nii.gz"), c.err());
        assertArrayEquals(Files.readAllBytes(plain.resolve("case_0001.nii.gz")), Files.readAllBytes(mixed.resolve("case_0001.nii.gz")));
    }

    /**
     * Scans and outputs given as addresses of Spark's file systems (here {@code file://}, read and
     * written through Hadoop's FileSystem as hdfs:// or s3a:// would be): the tasks copy scans in and
     * outputs out, and the files are plain predict's, byte for byte; a rerun skips them.
     */
    @Test
    void addressesOfSparksFileSystemsGiveThePlainPredictions() throws Exception {
        Path images = data.resolve("imagesTr");
        Path plain = tmp.resolve("pred-plain-uri");
        CommandRun a = CommandRun.of("predict", "--model", model.toString(), "-i", images.toString(), "-o", plain.toString(),
                "--progress", "lines");
        assertEquals(0, a.exitCode(), a.out() + a.err());
        Path remote = tmp.resolve("pred-remote");
        String in = images.toUri().toString(), out = remote.toUri().toString();
        assertTrue(in.startsWith("file:/"), in);
        CommandRun b = CommandRun.of("predict", "--model", model.toString(), "-i", in, "-o", out, "--spark", "local[2]",
                "--split-masks");
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(b.out().contains("4 written, 0 skipped, 0 failed"), b.out());
        // Hadoop's local file system keeps a .crc checksum beside each file; hdfs:// and s3a:// do not
        List<Path> written = files(remote).stream().filter(f -> !f.getFileName().toString().endsWith(".crc")).toList();
        List<Path> expected = files(plain);
        for (Path f : expected) assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(remote.resolve(f)), f.toString());
        List<Path> masks = written.stream().filter(f -> !expected.contains(f)).toList();
        assertTrue(written.containsAll(expected) && masks.size() >= 4 && masks.stream().allMatch(
                f -> f.getNameCount() == 2 && f.toString().matches("case_000[0-3]/[a-z_]+\\.nii\\.gz")),
                "the label maps, the label table and each case's masks, no temporary file: " + written);

        CommandRun again = CommandRun.of("predict", "--model", model.toString(), "-i", in, "-o", out, "--spark", "local[2]");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("0 written, 4 skipped, 0 failed"), again.out());

        CommandRun missing = CommandRun.of("predict", "--model", model.toString(), "-i", in + "-nowhere", "-o", out,
                "--spark", "local[2]");
        assertTrue(missing.exitCode() != 0 && missing.err().contains("-nowhere: no such file or folder"), missing.err());
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}

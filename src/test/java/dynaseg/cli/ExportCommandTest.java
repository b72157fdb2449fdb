package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.SyntheticDatasetWriter;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.export.ModelArchive;
import dynaseg.export.Safetensors;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.testutil.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check, from the command line: a tiny {@code train}, then {@code export}, then
 * {@code predict --model} gives the voxels of {@code predict --run}; {@code info} shows the model;
 * damaged, foreign and newer zips are refused with one line naming the file and what is wrong.
 */
@Tag("slow")
class ExportCommandTest {
    @TempDir static Path tmp;
    static Path data;
    static Path run;
    static Path model;

    @BeforeAll
    static void trainAndExport() throws Exception {
        data = tmp.resolve("data");
        new SyntheticDatasetWriter(new PhantomGenerator(24, new double[] {3, 3, 3}, 5), 2).write(data, 5, "tiny", n -> {});
        run = tmp.resolve("run");
        CommandRun train = CommandRun.of("train", "--data", data.toString(), "--cache", tmp.resolve("cache").toString(),
                "--channels", "4,8", "--patch", "16", "--target-spacing", "3,3,3", "--batch", "1", "--iterations-per-epoch", "2",
                "--lr", "1e-2", "--epochs", "2", "--test-fraction", "0.2", "--out", run.toString());
        assertEquals(0, train.exitCode(), train.out() + train.err());
        model = tmp.resolve("model.zip");
        CommandRun export = CommandRun.of("export", run.toString(), "--out", model.toString());
        assertEquals(0, export.exitCode(), export.out() + export.err());
        assertTrue(export.out().contains("wrote " + model), export.out());
    }

    @Test
    void predictWithTheModelFileEqualsPredictWithTheRunVoxelForVoxel() throws Exception {
        Path images = data.resolve("imagesTr");
        Path fromRun = tmp.resolve("pred-run");
        Path fromModel = tmp.resolve("pred-model");
        CommandRun a = CommandRun.of("predict", "--run", run.toString(), "-i", images.toString(), "-o", fromRun.toString(),
                "--progress", "lines");
        assertEquals(0, a.exitCode(), a.out() + a.err());
        CommandRun b = CommandRun.of("predict", "--model", model.toString(), "-i", images.toString(), "-o", fromModel.toString(),
                "--progress", "lines");
        assertEquals(0, b.exitCode(), b.out() + b.err());
        assertTrue(b.out().contains(model.toString()), "the job names its model: " + b.out());
        List<Path> scans;
        try (Stream<Path> s = Files.list(fromRun)) {
            scans = s.filter(p -> p.toString().endsWith(".nii.gz")).sorted().toList();
        }
        assertEquals(5, scans.size());
        int foreground = 0;
        for (Path scan : scans) {
            LabelMap x = Nifti.readLabels(fromRun.resolve(scan.getFileName()));
            LabelMap y = Nifti.readLabels(fromModel.resolve(scan.getFileName()));
            assertArrayEquals(x.labels(), y.labels(), scan.getFileName().toString());
            assertTrue(x.geometry().sameGrid(y.geometry(), 0));
            for (byte v : x.labels()) if (v != 0) foreground++;
        }
        assertTrue(foreground > 0, "a network that predicts only background would make the comparison empty");
    }

    @Test
    void predictRefusesACheckpointWithTheModelFileAndTakesOneWithTheRun() throws Exception {
        // a model.zip holds one checkpoint: an explicit --checkpoint would have been silently ignored
        Path never = tmp.resolve("never-checkpoint");
        for (String checkpoint : List.of("last", "best")) {
            CommandRun r = CommandRun.of("predict", "--model", model.toString(), "--checkpoint", checkpoint,
                    "-i", data.resolve("imagesTr").toString(), "-o", never.toString());
            assertEquals(2, r.exitCode(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().contains("dynaseg predict: invalid input: --checkpoint goes with --run")
                    && r.err().contains("holds one checkpoint") && r.err().contains("'dynaseg info " + model + "'"), r.err());
            assertTrue(!Files.exists(never), "nothing written");
        }
        Path scan;
        try (Stream<Path> s = Files.list(data.resolve("imagesTr"))) {
            scan = s.sorted().findFirst().orElseThrow();
        }
        CommandRun last = CommandRun.of("predict", "--run", run.toString(), "--checkpoint", "last", "-i", scan.toString(),
                "-o", tmp.resolve("pred-last").toString(), "--progress", "lines");
        assertEquals(0, last.exitCode(), last.out() + last.err());
        assertTrue(last.out().contains("checkpoints/last"), last.out());
    }

    @Test
    void infoShowsWhatTheModelHolds() throws Exception {
        CommandRun info = CommandRun.of("info", model.toString());
        assertEquals(0, info.exitCode(), info.err());
        for (String s : List.of("unet3d", "channels [4, 8]", "patch [16, 16, 16]", "1 spleen", "training", "test", "sha256", "model.params")) {
            assertTrue(info.out().contains(s), s + " in\n" + info.out());
        }
        CommandRun json = CommandRun.of("info", "--json", model.toString());
        assertEquals(0, json.exitCode(), json.err());
        var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals("dynaseg-model", m.get("format").asText());
        assertEquals(1, m.get("format_version").asInt());
        assertEquals(0, m.get("labels").get("background").asInt());
        assertEquals("best", m.get("source").get("checkpoint").asText());
        assertTrue(m.get("training").get("test_cases").asInt() >= 1, json.out());
        assertEquals(List.of(3.0, 3.0, 3.0), List.of(m.get("preprocessing").get("target_spacing").get(0).asDouble(),
                m.get("preprocessing").get("target_spacing").get(1).asDouble(), m.get("preprocessing").get("target_spacing").get(2).asDouble()));
    }

    @Test
    void theZipHoldsTheWeightsForPyTorchToo() throws Exception {
        Path st = tmp.resolve("from-zip.safetensors");
        try (ZipFile z = new ZipFile(model.toFile())) {
            Files.write(st, z.getInputStream(z.getEntry(ModelArchive.TORCH_WEIGHTS)).readAllBytes());
        }
        Safetensors.Contents c = Safetensors.read(st);
        assertEquals("unet3d", c.metadata().get("model"));
        assertEquals(String.valueOf(ModelArchive.readManifest(model).network().classes()), c.metadata().get("classes"));
        // the twin's state_dict: per level two convs and two norms (weight, bias, running stats), the head ...
        assertTrue(c.tensors().keySet().stream().anyMatch(k -> k.startsWith("head.")), c.tensors().keySet().toString());
        CommandRun lean = CommandRun.of("export", run.toString(), "--no-torch-weights", "--out", tmp.resolve("lean.zip").toString());
        assertEquals(0, lean.exitCode(), lean.err());
        try (ZipFile z = new ZipFile(tmp.resolve("lean.zip").toFile())) {
            assertEquals(null, z.getEntry(ModelArchive.TORCH_WEIGHTS));
        }
        assertTrue(Files.size(tmp.resolve("lean.zip")) < Files.size(model));
    }

    @Test
    void anExistingModelFileIsKeptUnlessOverwriteIsGiven() throws Exception {
        long before = Files.size(model);
        CommandRun again = CommandRun.of("export", run.toString(), "--out", model.toString());
        assertNotEquals(0, again.exitCode());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(before, Files.size(model));
        Path last = tmp.resolve("last.zip");
        CommandRun lastCheckpoint = CommandRun.of("export", run.toString(), "--checkpoint", "last", "--out", last.toString());
        assertEquals(0, lastCheckpoint.exitCode(), lastCheckpoint.err());
        assertEquals("last", ModelArchive.readManifest(last).source().checkpoint());
        CommandRun notZip = CommandRun.of("export", run.toString(), "--out", tmp.resolve("model.bin").toString());
        assertEquals(2, notZip.exitCode());
    }

    @Test
    void aTruncatedZipIsRefusedWithOneLineNamingIt() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = tmp.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(truncated, "not a readable zip file");
    }

    @Test
    void aFlippedWeightByteIsRefusedByItsChecksum() throws Exception {
        // a well-formed zip whose model.params differs by one byte from what the manifest's SHA-256 names
        Path flipped = rewrite(model, "flipped.zip", Map.of(ModelArchive.WEIGHTS, w -> {
            byte[] c = w.clone();
            c[c.length / 2] ^= 0x01;
            return c;
        }));
        assertRefused(flipped, "checksum mismatch in model.params");
    }

    @Test
    void aByteFlippedInTheRawFileIsRefused() throws Exception {
        // one bit of the compressed weights changed in place, as a bad disk or download would
        byte[] bytes = Files.readAllBytes(model);
        long offset;
        try (ZipFile z = new ZipFile(model.toFile())) {
            ZipEntry e = z.getEntry(ModelArchive.WEIGHTS);
            offset = dataOffset(bytes, e.getName()) + e.getCompressedSize() / 2;
        }
        bytes[(int) offset] ^= 0x10;
        Path damaged = tmp.resolve("damaged.zip");
        Files.write(damaged, bytes);
        CommandRun r = CommandRun.of("predict", "--model", damaged.toString(), "-i", data.resolve("imagesTr").toString(),
                "-o", tmp.resolve("never").toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(damaged.toString()) && r.err().contains("damaged"), r.err());
        assertTrue(r.err().strip().lines().count() == 1, r.err());
    }

    @Test
    void aForeignOrNewerZipIsRefused() throws Exception {
        Path foreign = tmp.resolve("foreign.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(foreign))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertRefused(foreign, "not a model written by dynaseg export");
        Path newer = rewrite(model, "newer.zip", Map.of(ModelArchive.MANIFEST, m -> new String(m, StandardCharsets.UTF_8)
                .replace("\"format_version\" : 1", "\"format_version\" : 7").getBytes(StandardCharsets.UTF_8)));
        assertRefused(newer, "model format version 7");
        Path missing = rewrite(model, "missing.zip", Map.of(ModelArchive.WEIGHTS, w -> null));
        assertRefused(missing, "missing entry model.params");
    }

    private void assertRefused(Path zip, String message) {
        CommandRun r = CommandRun.of("predict", "--model", zip.toString(), "-i", data.resolve("imagesTr").toString(),
                "-o", tmp.resolve("never").toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(zip.toString()) && r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(!Files.exists(tmp.resolve("never")), "nothing written");
    }

    /** A copy of {@code zip} with some entries changed (null = left out). */
    private static Path rewrite(Path zip, String name, Map<String, UnaryOperator<byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) entries.put(e.getName(), z.getInputStream(e).readAllBytes());
        }
        Path out = tmp.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : entries.entrySet()) {
                byte[] v = change.containsKey(e.getKey()) ? change.get(e.getKey()).apply(e.getValue()) : e.getValue();
                if (v == null) continue;
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(v);
                z.closeEntry();
            }
        }
        return out;
    }

    /** Where an entry's data starts: after its local header (signature, 26 bytes, name, extra). */
    private static long dataOffset(byte[] zip, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + name.length < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 3 && zip[i + 3] == 4) {
                int nameLength = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
                int extraLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if (nameLength == name.length && java.util.Arrays.equals(zip, i + 30, i + 30 + nameLength, name, 0, name.length)) {
                    return i + 30L + nameLength + extraLength;
                }
            }
        }
        throw new IllegalStateException(entry + " not found");
    }

}

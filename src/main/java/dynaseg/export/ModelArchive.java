package dynaseg.export;

import dynaseg.io.TempFiles;
import dynaseg.run.RunConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one file (a zip, like nnU-Net's exported model or a MONAI bundle), read and
 * written here and nowhere else. Entries:
 * <ul>
 *   <li>{@value #MANIFEST}: the {@link ModelManifest} (what the model is, file checksums);</li>
 *   <li>{@value #CONFIG}: the run's config.yaml, from which the network and the preprocessing are
 *       rebuilt exactly as for {@code predict --run};</li>
 *   <li>{@value #WEIGHTS}: the weights as DJL writes them ({@code Block.saveParameters});</li>
 *   <li>{@value #TORCH_WEIGHTS} (when present): the same weights as safetensors under the parameter
 *       names of the PyTorch twins in {@code bench/}.</li>
 * </ul>
 * Reading checks the format and version, that every entry is there, and each file's SHA-256: a
 * truncated, damaged or foreign zip is refused with a one-line message naming the file and what is wrong.
 *
 * @param weights the bytes of {@value #WEIGHTS}, checked against the manifest
 */
public record ModelArchive(Path file, ModelManifest manifest, RunConfig config, byte[] weights) {
    public static final String MANIFEST = "dynaseg-model.json";
    public static final String CONFIG = "config.yaml";
    public static final String WEIGHTS = "model.params";
    public static final String TORCH_WEIGHTS = "model.safetensors";

    /** Opens and checks a model.zip; the weights are read into memory once, checksum verified. */
    public static ModelArchive read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file + ": no such model file");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ModelManifest manifest = manifest(file, zip);
            ModelManifest.FileEntry configEntry = fileEntry(file, manifest, ModelManifest.CONFIG);
            ModelManifest.FileEntry weightsEntry = fileEntry(file, manifest, ModelManifest.WEIGHTS);
            byte[] configBytes = checkedBytes(file, zip, configEntry);
            byte[] weights = checkedBytes(file, zip, weightsEntry);
            if (manifest.files().containsKey(ModelManifest.TORCH_WEIGHTS)) {
                checkedBytes(file, zip, fileEntry(file, manifest, ModelManifest.TORCH_WEIGHTS));
            }
            RunConfig config = RunConfig.parse(new String(configBytes, StandardCharsets.UTF_8), file + "!/" + CONFIG);
            checkLabels(file, manifest, config);
            return new ModelArchive(file, manifest, config, weights);
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable zip file (truncated or damaged? " + e.getMessage() + ")", e);
        }
    }

    /** The manifest alone (for {@code info}), with the same format checks as {@link #read}, without reading the weights. */
    public static ModelManifest readManifest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file + ": no such model file");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return manifest(file, zip);
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable zip file (truncated or damaged? " + e.getMessage() + ")", e);
        }
    }

    /** The manifest as the JSON the zip holds. */
    public static String manifestJson(ModelManifest manifest) throws IOException {
        return ModelManifest.JSON.writeValueAsString(manifest);
    }

    /** Organ names by label value, "background" first. */
    public List<String> classNames() {
        return manifest.classNames();
    }

    /** {@code file!/model.params}: how errors about the weights name them. */
    public String weightsSource() {
        return file + "!/" + WEIGHTS;
    }

    /**
     * Writes a model.zip atomically (a finished file or none). The manifest's {@code files} are
     * filled in here from the bytes written.
     *
     * @param torchWeights a safetensors file to include, or null
     * @return the manifest as written, with its {@code files}
     */
    public static ModelManifest write(Path out, ModelManifest manifest, String configYaml, Path weights, Path torchWeights)
            throws IOException {
        Map<String, ModelManifest.FileEntry> files = new LinkedHashMap<>();
        byte[] config = configYaml.getBytes(StandardCharsets.UTF_8);
        files.put(ModelManifest.CONFIG, new ModelManifest.FileEntry(CONFIG, "dynaseg run config (YAML)", config.length, sha256(config)));
        files.put(ModelManifest.WEIGHTS, new ModelManifest.FileEntry(WEIGHTS, "djl-parameters", Files.size(weights), sha256(weights)));
        if (torchWeights != null) {
            files.put(ModelManifest.TORCH_WEIGHTS, new ModelManifest.FileEntry(TORCH_WEIGHTS, "safetensors (PyTorch twin names)",
                    Files.size(torchWeights), sha256(torchWeights)));
        }
        ModelManifest complete = new ModelManifest(manifest.format(), manifest.formatVersion(), manifest.dynasegVersion(),
                manifest.created(), manifest.source(), manifest.network(), manifest.preprocessing(), manifest.labels(),
                manifest.training(), files);
        byte[] json = ModelManifest.JSON.writeValueAsBytes(complete);
        TempFiles.replace(out, stream -> {
            try (ZipOutputStream zip = new ZipOutputStream(stream)) {
                put(zip, MANIFEST, json);
                put(zip, CONFIG, config);
                put(zip, WEIGHTS, weights);
                if (torchWeights != null) put(zip, TORCH_WEIGHTS, torchWeights);
            }
        });
        return complete;
    }

    private static ModelManifest manifest(Path file, ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) throw new IOException(file + ": no " + MANIFEST + " entry: not a model written by dynaseg export");
        ModelManifest m;
        try (InputStream in = zip.getInputStream(entry)) {
            m = ModelManifest.JSON.readValue(in, ModelManifest.class);
        } catch (ZipException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file + ": " + MANIFEST + " is not a readable manifest (" + firstLine(e.getMessage()) + ")", e);
        }
        if (m == null || !ModelManifest.FORMAT.equals(m.format())) {
            throw new IOException(file + ": " + MANIFEST + " says format '" + (m == null ? null : m.format())
                    + "', not '" + ModelManifest.FORMAT + "': not a model written by dynaseg export");
        }
        if (m.formatVersion() > ModelManifest.FORMAT_VERSION) {
            throw new IOException(file + ": model format version " + m.formatVersion() + " (written by dynaseg "
                    + m.dynasegVersion() + ") is newer than this dynaseg reads (" + ModelManifest.FORMAT_VERSION
                    + "); update dynaseg");
        }
        if (m.formatVersion() < 1 || m.files() == null || m.labels() == null || m.network() == null) {
            throw new IOException(file + ": " + MANIFEST + " lacks format_version, files, labels or network");
        }
        return m;
    }

    private static ModelManifest.FileEntry fileEntry(Path file, ModelManifest m, String key) throws IOException {
        ModelManifest.FileEntry e = m.files().get(key);
        if (e == null || e.name() == null || e.sha256() == null) {
            throw new IOException(file + ": " + MANIFEST + " lists no '" + key + "' file with a sha256");
        }
        return e;
    }

    /** The entry's bytes, refused when missing, damaged (zip CRC) or not the bytes the manifest's SHA-256 names. */
    private static byte[] checkedBytes(Path file, ZipFile zip, ModelManifest.FileEntry expected) throws IOException {
        ZipEntry entry = zip.getEntry(expected.name());
        if (entry == null) throw new IOException(file + ": missing entry " + expected.name());
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(file + ": entry " + expected.name() + " is damaged (" + e.getMessage() + ")", e);
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expected.sha256())) {
            throw new IOException(file + ": checksum mismatch in " + expected.name() + " (sha256 " + actual.substring(0, 12)
                    + "..., the manifest says " + abbreviate(expected.sha256()) + "): the file is damaged");
        }
        return bytes;
    }

    private static void checkLabels(Path file, ModelManifest m, RunConfig config) throws IOException {
        List<String> names;
        try {
            names = m.classNames();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + MANIFEST + ": " + e.getMessage(), e);
        }
        if (names.size() != m.network().classes()) {
            throw new IOException(file + ": " + MANIFEST + " names " + names.size() + " labels for a network of "
                    + m.network().classes() + " classes");
        }
        if (!config.getOrgans().isEmpty() && !config.getOrgans().equals(names.subList(1, names.size()))) {
            throw new IOException(file + ": the labels of " + MANIFEST + " " + names + " differ from the organs of "
                    + CONFIG + " " + config.getOrgans());
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void put(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String abbreviate(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) + "..." : hex;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

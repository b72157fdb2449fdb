package dynaseg.data.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where dynaseg keeps what it computes from a dataset (preprocessed cases, which TotalSegmentator
 * masks hold an organ), and the short hashes that name those files. One rule for every cache, so a
 * user's {@code --cache} or {@code $DYNASEG_CACHE} moves them all.
 */
public final class DiskCaches {
    /** Environment variable naming the cache folder. */
    public static final String ENV = "DYNASEG_CACHE";

    private DiskCaches() {}

    /**
     * {@code explicit} when given, else {@code $DYNASEG_CACHE}, else {@code <dataDir>/.dynaseg-cache}
     * when {@code dataDir} is writable, else {@code ~/.cache/dynaseg}.
     */
    public static Path folder(Path explicit, Path dataDir) {
        if (explicit != null) return explicit;
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        if (dataDir != null && Files.isWritable(dataDir)) return inDataFolder(dataDir);
        return Path.of(System.getProperty("user.home"), ".cache", "dynaseg");
    }

    /** The cache folder inside a dataset folder. */
    public static Path inDataFolder(Path dataDir) {
        return dataDir.resolve(".dynaseg-cache");
    }

    /** The first {@code hexChars} hex digits of the SHA-256 of {@code text}. */
    public static String hash(String text, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dynaseg.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds ../shared/data next to the checkout (as laid for sessions and CI). */
public final class SharedData {
    private SharedData() {}

    /** The folder of the real TotalSegmentator example CT; fails in CI if missing, skips elsewhere. */
    public static Path totalsegExample() {
        String env = System.getenv("DYNASEG_SHARED");
        Path shared = env != null ? Path.of(env) : Path.of("..", "shared");
        Path dir = shared.resolve("data/totalseg-example").toAbsolutePath().normalize();
        boolean ok = Files.isRegularFile(dir.resolve("example_ct_sm.nii.gz"));
        if (!ok && "true".equals(System.getenv("CI"))) throw new AssertionError("missing " + dir);
        Assumptions.assumeTrue(ok, "no shared data at " + dir);
        return dir;
    }
}

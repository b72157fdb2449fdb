package dynaseg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dynaseg.io.Geometry;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * NIfTI read/write speed against nibabel: a CT-like int16 volume (512 x 512 x 100 by default)
 * written as .nii.gz and read back as floats, median of several runs after a warm-up. The peer,
 * {@code bench/nibabel_io.py} under /usr/bin/python3, loads our file for its data (so both sides
 * compress the same voxels), then times {@code nibabel.save} and {@code nibabel.load(p).get_fdata()}.
 * We also read nibabel's file, so the read comparison holds on the very same bytes.
 */
public final class IoBenchmark {
    private IoBenchmark() {}

    /** The setting: 512 x 512 x 100 int16. */
    public static List<BenchResult> run(Path workDir, int repeats) {
        return run(workDir, repeats, 512, 512, 100);
    }

    public static List<BenchResult> run(Path workDir, int repeats, int nx, int ny, int nz) {
        try {
            return measure(workDir, Math.max(1, repeats), nx, ny, nz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BenchResult> measure(Path workDir, int repeats, int nx, int ny, int nz) throws IOException {
        Files.createDirectories(workDir);
        Volume ct = ctLike(nx, ny, nz);
        Path ours = workDir.resolve("dynaseg_io_bench.nii.gz");
        Path theirs = workDir.resolve("nibabel_io_bench.nii.gz");
        String size = nx + "x" + ny + "x" + nz + " int16 .nii.gz";

        Nifti.writeVolume(ct, ours, "int16"); // warm-up, and the peer's input
        double write = median(repeats, () -> Nifti.writeVolume(ct, ours, "int16"));
        Nifti.readVolume(ours);
        double read = median(repeats, () -> Nifti.readVolume(ours));

        JsonNode peer = new PeerScript("nibabel_io.py").run("--input", ours.toString(), "--output", theirs.toString(),
                "--repeats", Integer.toString(repeats));
        double peerWrite = peer == null ? Double.NaN : peer.get("write_ms").asDouble();
        double peerRead = peer == null ? Double.NaN : peer.get("read_ms").asDouble();
        List<BenchResult> results = new ArrayList<>();
        results.add(new BenchResult("io", "write " + size, write, peerWrite, "ms"));
        results.add(new BenchResult("io", "read " + size + " (each its own file)", read, peerRead, "ms"));
        if (peer != null && Files.isRegularFile(theirs)) {
            double readTheirs = median(repeats, () -> Nifti.readVolume(theirs));
            results.add(new BenchResult("io", "read nibabel's " + size, readTheirs, peerRead, "ms"));
            results.add(new BenchResult("io", "file size " + size, Files.size(ours) / 1e6, Files.size(theirs) / 1e6, "MB"));
        }
        return results;
    }

    private interface Step { void run() throws IOException; }

    private static double median(int repeats, Step step) throws IOException {
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
    }

    /**
     * An abdominal-CT-like int16 volume in Hounsfield units: air around an elliptic body of soft
     * tissue with a fat rim, lungs in the upper slices, a spine, and CT-like noise, so that it
     * compresses like a real scan rather than like a constant.
     */
    static Volume ctLike(int nx, int ny, int nz) {
        Geometry g = Geometry.axisAligned(nx, ny, nz, 0.8, 0.8, 2.5);
        float[] v = new float[g.voxelCount()];
        float[] noise = new float[1 << 16];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < noise.length; i++) {
            double s = 0;
            for (int k = 0; k < 4; k++) s += rnd.nextDouble() - 0.5;
            noise[i] = (float) (s * 1.7); // about unit variance, cheap
        }
        long state = 12345;
        double cx = nx / 2.0, cy = ny / 2.0, ax = nx * 0.42, ay = ny * 0.33;
        for (int z = 0; z < nz; z++) {
            boolean lungs = z > nz * 0.6;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double ex = (x - cx) / ax, ey = (y - cy) / ay, r = ex * ex + ey * ey;
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    float n = noise[(int) (state >>> 48)];
                    double hu;
                    if (r > 1) hu = -1000 + 4 * n;
                    else if (r > 0.8) hu = -100 + 15 * n;
                    else {
                        double sx = (x - cx) / (nx * 0.05), sy = (y - cy - ny * 0.2) / (ny * 0.05);
                        double lx = (Math.abs(x - cx) - nx * 0.18) / (nx * 0.12), ly = (y - cy + ny * 0.02) / (ny * 0.2);
                        if (sx * sx + sy * sy < 1) hu = 700 + 60 * n;
                        else if (lungs && lx * lx + ly * ly < 1) hu = -850 + 30 * n;
                        else hu = 40 + 12 * n;
                    }
                    v[g.index(x, y, z)] = (float) Math.rint(hu);
                }
            }
        }
        return new Volume(g, v);
    }

    /** Prints the results as a small table (for a quick manual run: java ... dynaseg.bench.IoBenchmark DIR [REPEATS] [NX NY NZ]). */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/io-bench");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<BenchResult> results = args.length > 4
                ? run(dir, repeats, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]))
                : run(dir, repeats);
        for (BenchResult r : results) {
            System.out.printf(Locale.ROOT, "%-4s %-52s ours %9.2f %-3s nibabel %9.2f %-3s ratio %.2f%n",
                    r.group(), r.name(), r.ours(), r.unit(), r.peer(), r.unit(), r.ratio());
        }
    }
}

package dynaseg.cli;

import dynaseg.phantom.OrganShares;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.phantom.SyntheticDatasetWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dynaseg synth}: writes synthetic abdominal CT phantoms with BTCV labels as an MSD dataset. */
@Command(name = "synth", header = "Write synthetic abdominal CT phantoms with the 13 BTCV organs (MSD layout).", mixinStandardHelpOptions = true,
        description = "Write synthetic contrast-enhanced abdominal CT phantoms with the 13 BTCV organ labels, "
                + "in the Medical Segmentation Decathlon layout (imagesTr/, labelsTr/, dataset.json).",
        footer = {"", "Examples:",
            "  dynaseg synth --out data/synth --cases 30",
            "  dynaseg synth --out /tmp/tiny --cases 4 --size 32 --seed 7 --spacing 3,3,4"})
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--cases", required = true, paramLabel = "N", description = "Number of cases.")
    int cases;

    @Option(names = "--size", defaultValue = "96", paramLabel = "VOXELS",
            description = "Voxels per axis; each case is SIZE^3 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--spacing", defaultValue = "1.5,1.5,2.0", split = ",", paramLabel = "X,Y,Z",
            description = "Voxel size in mm (default: ${DEFAULT-VALUE}).")
    double[] spacing;

    @Option(names = "--min-organ-radius", defaultValue = "1", paramLabel = "VOXELS",
            description = "Smallest organ semi-axis in voxels: above 1, thin organs (adrenals, esophagus, veins) get the "
                    + "voxel thickness they have on a 1.5 mm CT even on a coarse grid (default: ${DEFAULT-VALUE}).")
    double minOrganRadius;

    @Mixin WorkerThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (spacing.length != 3) throw new IllegalArgumentException("--spacing needs three values X,Y,Z, got " + spacing.length);
        int workers = threads.workers();
        PhantomGenerator generator = new PhantomGenerator(size, spacing, seed, minOrganRadius);
        String description = String.format(Locale.ROOT,
                "Synthetic contrast-enhanced abdominal CT phantoms, %d^3 voxels of %s x %s x %s mm, seed %d",
                size, spacing[0], spacing[1], spacing[2], seed);
        long start = System.nanoTime();
        OrganShares shares = new SyntheticDatasetWriter(generator, workers).write(out, cases, description, done -> {
            synchronized (System.out) {
                System.out.printf("\rsynth: %d/%d cases", done, cases);
                System.out.flush();
            }
        });
        System.out.println();
        System.out.printf(Locale.ROOT, "wrote %d cases of %d^3 to %s in %.1f s%n", cases, size, out, (System.nanoTime() - start) / 1e9);
        System.out.print(shares.table());
        return 0;
    }
}

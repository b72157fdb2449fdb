package dynaseg.phantom;

import dynaseg.data.Organ;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Developer tool, not a test: measures the organ shares of generated cases and suggests the size
 * factors of {@link AbdomenLayout#SIZE}; optionally dumps a case as raw arrays for viewing.
 * Run: java -cp target/classes:target/test-classes dynaseg.phantom.SynthCalibration CASES SIZE [DUMPDIR]
 */
public final class SynthCalibration {
    private static OrganShares measure(int cases, int size) {
        PhantomGenerator gen = new PhantomGenerator(size, new double[] {1.5, 1.5, 2.0}, Long.getLong("seed", 1));
        OrganShares shares = new OrganShares();
        IntStream.range(0, cases).parallel().forEach(i -> shares.add(gen.generate(i).labels()));
        return shares;
    }

    private static double suggested(Organ o, OrganShares shares) {
        double ratio = OrganShares.BTCV_PERCENT.get(o) / shares.percent(o);
        boolean tube = switch (o) {
            case STOMACH, PANCREAS, AORTA, INFERIOR_VENA_CAVA, PORTAL_VEIN_AND_SPLENIC_VEIN, ESOPHAGUS -> true;
            default -> false;
        };
        // damped: organs compete for the same voxels
        return AbdomenLayout.SIZE.get(o) * Math.pow(ratio, 0.8 * (tube ? 0.5 : 1.0 / 3));
    }

    public static void main(String[] args) throws IOException {
        int cases = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(System.getProperty("rounds", "1"));
        for (int r = 1; r < rounds; r++) {
            OrganShares s = measure(cases, size);
            for (Organ o : Organ.values()) AbdomenLayout.SIZE.put(o, suggested(o, s));
        }
        PhantomGenerator gen = new PhantomGenerator(size, new double[] {1.5, 1.5, 2.0}, Long.getLong("seed", 1));
        OrganShares shares = new OrganShares();
        long t0 = System.nanoTime();
        IntStream.range(0, cases).parallel().forEach(i -> shares.add(gen.generate(i).labels()));
        System.out.printf("%d cases of %d^3 in %.1f s%n", cases, size, (System.nanoTime() - t0) / 1e9);
        System.out.print(shares.table());
        StringBuilder suggest = new StringBuilder();
        for (Organ o : Organ.values()) {
            suggest.append(String.format("%n        SIZE.put(Organ.%s, %.3f);", o.name(), suggested(o, shares)));
        }
        System.out.println("suggested SIZE: " + suggest);
        if (args.length > 2) {
            PhantomCase c = gen.generate(0);
            Path dir = Path.of(args[2]);
            Files.createDirectories(dir);
            ByteBuffer img = ByteBuffer.allocate(c.image().voxels().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : c.image().voxels()) img.putFloat(f);
            Files.write(dir.resolve("image.f32"), img.array());
            Files.write(dir.resolve("labels.u8"), c.labels().labels());
        }
    }
}

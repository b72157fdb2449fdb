package dynaseg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.run.RunConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seed repetitions change only the run seed: same phantoms, same split, their own folders. */
class DemoPlanTest {
    @Test
    void runSeedsVaryTheRunButNotTheSplit() {
        for (DemoPlan plan : new DemoPlan[] {DemoPlan.full(), DemoPlan.quick()}) {
            DemoPlan.RunSpec spec = DemoPlan.RUNS.get(3);
            RunConfig first = plan.runConfig(spec, "/data", plan.seed());
            RunConfig third = plan.runConfig(spec, "/data", plan.seed() + 2);
            assertEquals(plan.seed(), first.getSeed());
            assertEquals(plan.seed() + 2, third.getSeed());
            assertEquals(first.getSplitSeed(), third.getSplitSeed());
            assertEquals(plan.seed(), third.getSplitSeed());
            assertTrue(first.getTestFraction() > 0, plan.name() + " holds test cases out");
            third.setSeed(first.getSeed());
            assertEquals(first, third, "only the seed differs");
            assertEquals(spec.folderName(), plan.folderName(spec, plan.seed()));
            Set<String> names = new HashSet<>();
            for (long s = plan.seed(); s < plan.seed() + 3; s++) names.add(plan.folderName(spec, s));
            assertEquals(3, names.size());
            assertNotEquals(first.getSeed(), plan.runConfig(spec, "/data", 7).getSeed());
        }
    }
}

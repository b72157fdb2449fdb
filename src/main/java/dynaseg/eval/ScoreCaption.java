package dynaseg.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Says what Table 1's cells are, since test Dice and best-epoch validation Dice are not the same
 * measure: the second picked its epoch on the very cases it scores. When one report mixes them,
 * it says which runs have which, so nobody reads a difference between columns as an effect.
 */
final class ScoreCaption {
    static final String VALIDATION = "best-epoch validation Dice (no test split)";

    private ScoreCaption() {}

    static String of(List<RunSummary> runs) {
        List<String> withTest = new ArrayList<>();
        List<String> without = new ArrayList<>();
        TreeSet<Integer> caseCounts = new TreeSet<>();
        for (RunSummary r : runs) {
            String name = r.label() + " (" + r.run().root().getFileName() + ")";
            if (r.hasTestScores()) {
                withTest.add(name);
                caseCounts.add(r.test().cases().size());
            } else {
                without.add(name);
            }
        }
        if (withTest.isEmpty()) return VALIDATION;
        String test = "Dice on " + (caseCounts.size() == 1 ? caseCounts.first() : caseCounts.first() + " to " + caseCounts.last())
                + " held-out test cases";
        if (without.isEmpty()) return test;
        return "mixed scores, not comparable across runs: " + test + " for " + String.join(", ", withTest) + "; "
                + VALIDATION + " for " + String.join(", ", without);
    }
}

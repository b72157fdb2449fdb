package dynaseg.data;

import dynaseg.settings.SettingCheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The training, validation and held-out test cases of a run. Uses the dataset's own validation
 * list when it names one; otherwise a seeded random split (20 % validation, at least one
 * validation case and one training case when there are two or more cases). Test cases, when
 * asked for, are drawn first from the same seeded order, so they never enter training,
 * validation or the choice of the best epoch. Every list keeps the dataset's order.
 */
public record DatasetSplit(List<CaseRef> training, List<CaseRef> validation, List<CaseRef> test) {
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    public DatasetSplit {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** A split without test cases. */
    public DatasetSplit(List<CaseRef> training, List<CaseRef> validation) {
        this(training, validation, List.of());
    }

    /** The dataset's named validation cases, or a seeded 80/20 split. */
    public static DatasetSplit of(SegmentationDataset dataset, long seed) {
        if (!dataset.validationCases().isEmpty()) {
            Set<String> val = new HashSet<>();
            for (CaseRef c : dataset.validationCases()) val.add(c.id());
            List<CaseRef> train = new ArrayList<>();
            for (CaseRef c : dataset.cases()) if (!val.contains(c.id())) train.add(c);
            return new DatasetSplit(train, dataset.validationCases());
        }
        return random(dataset.cases(), DEFAULT_VALIDATION_FRACTION, seed);
    }

    /** A seeded random split with round(fraction * n) validation cases, clamped to [1, n-1] for n >= 2. */
    public static DatasetSplit random(List<CaseRef> cases, double validationFraction, long seed) {
        return random(cases, validationFraction, 0, seed);
    }

    /**
     * The checks of the run config's {@code val-fraction} and {@code test-fraction} keys (the
     * message names the key): validation in [0, 1), test &ge; 0 and below 1 with validation.
     */
    public static void checkFractions(double validationFraction, double testFraction) {
        SettingCheck.require(validationFraction >= 0 && validationFraction < 1, "val-fraction", validationFraction,
                "in [0, 1)");
        SettingCheck.require(testFraction >= 0 && testFraction + validationFraction < 1, "test-fraction", testFraction,
                ">= 0, and below 1 together with val-fraction");
    }

    /**
     * A seeded random split: round(testFraction * n) test cases (at least 1 when the fraction is
     * above 0, leaving at least 2 cases), then round(validationFraction * n) validation cases
     * clamped to [1, rest-1] for rest >= 2 (none for a fraction of 0); the others train. With testFraction 0 the validation
     * cases are those of {@link #random(List, double, long)}.
     */
    public static DatasetSplit random(List<CaseRef> cases, double validationFraction, double testFraction, long seed) {
        checkFractions(validationFraction, testFraction);
        int n = cases.size();
        int nTest = 0;
        if (testFraction > 0 && n >= 3) nTest = (int) Math.max(1, Math.min(n - 2, Math.round(testFraction * n)));
        int rest = n - nTest;
        int nVal = 0;
        if (rest >= 2 && validationFraction > 0) nVal = (int) Math.max(1, Math.min(rest - 1, Math.round(validationFraction * n)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        int[] role = new int[n]; // 0 training, 1 validation, 2 test
        for (int i = 0; i < nTest; i++) role[order.get(i)] = 2;
        for (int i = nTest; i < nTest + nVal; i++) role[order.get(i)] = 1;
        List<CaseRef> train = new ArrayList<>();
        List<CaseRef> val = new ArrayList<>();
        List<CaseRef> test = new ArrayList<>();
        for (int i = 0; i < n; i++) (role[i] == 2 ? test : role[i] == 1 ? val : train).add(cases.get(i));
        return new DatasetSplit(train, val, test);
    }
}

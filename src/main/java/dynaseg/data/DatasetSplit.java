package dynaseg.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The training and validation cases of a run. Uses the dataset's own validation list when it
 * names one; otherwise a seeded random split (20 % validation, at least one validation case and
 * one training case when there are two or more cases). Both lists keep the dataset's order.
 */
public record DatasetSplit(List<CaseRef> training, List<CaseRef> validation) {
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    public DatasetSplit {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
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
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
        }
        int n = cases.size();
        int nVal = 0;
        if (n >= 2) nVal = (int) Math.max(1, Math.min(n - 1, Math.round(validationFraction * n)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        boolean[] isVal = new boolean[n];
        for (int i = 0; i < nVal; i++) isVal[order.get(i)] = true;
        List<CaseRef> train = new ArrayList<>();
        List<CaseRef> val = new ArrayList<>();
        for (int i = 0; i < n; i++) (isVal[i] ? val : train).add(cases.get(i));
        return new DatasetSplit(train, val);
    }
}

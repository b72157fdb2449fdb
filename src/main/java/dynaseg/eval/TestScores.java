package dynaseg.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's Dice on its held-out test cases, read from {@code test/evaluation.json} (written by
 * {@link EvaluationWriter#json} when training ends: the best checkpoint predicts the test cases).
 * Test scores are what Table 1 should show when a run has them: the best epoch was chosen on the
 * validation cases, so its validation Dice is biased upwards. Only Dice is kept; NaN (JSON null,
 * organ absent from a case's truth) stays NaN and is skipped in means.
 *
 * @param dice case name → organ name → Dice, in file order
 */
public record TestScores(Path file, List<String> organs, Map<String, Map<String, Double>> dice) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TestScores {
        organs = List.copyOf(organs);
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        dice.forEach((c, m) -> copy.put(c, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        dice = java.util.Collections.unmodifiableMap(copy);
    }

    /** Reads {@code file}; errors name it. */
    public static TestScores read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable evaluation.json (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.path("cases").isArray()) throw new IOException(file + ": no \"cases\" array");
        List<String> organs = new ArrayList<>();
        root.path("organs").forEach(o -> organs.add(o.asText()));
        Map<String, Map<String, Double>> dice = new LinkedHashMap<>();
        for (JsonNode row : root.get("cases")) {
            if (!row.hasNonNull("case") || !row.hasNonNull("organ")) throw new IOException(file + ": a case row without case or organ: " + row);
            JsonNode d = row.get("dice");
            double v = d == null || d.isNull() ? Double.NaN : d.isNumber() ? d.asDouble() : Double.NaN;
            String organ = row.get("organ").asText();
            if (!organs.contains(organ)) organs.add(organ);
            dice.computeIfAbsent(row.get("case").asText(), k -> new LinkedHashMap<>()).put(organ, v);
        }
        return new TestScores(file, organs, dice);
    }

    /** The run's test scores, or null when it has no {@link RunDirectory#testEvaluation()}. */
    public static TestScores readIfPresent(RunDirectory run) throws IOException {
        Path f = run.testEvaluation();
        return Files.isRegularFile(f) ? read(f) : null;
    }

    public List<String> cases() { return List.copyOf(dice.keySet()); }

    /** Dice of {@code organ} in {@code caseName}; NaN when absent. */
    public double dice(String caseName, String organ) {
        Double v = dice.getOrDefault(caseName, Map.of()).get(organ);
        return v == null ? Double.NaN : v;
    }

    /** Mean over test cases of {@code organ}'s Dice, NaN cases skipped; NaN when no case has it. */
    public double organMean(String organ) {
        double[] v = dice.keySet().stream().mapToDouble(c -> dice(c, organ)).toArray();
        return SampleStats.of(v).mean();
    }
}

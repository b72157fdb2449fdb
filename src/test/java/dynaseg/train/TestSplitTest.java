package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.CaseRef;
import dynaseg.data.DatasetSplit;
import dynaseg.data.preprocess.PreprocessedCase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import dynaseg.run.EventLog;

/** Held-out test cases: never in training or validation, scored with the best checkpoint at the end. */
@Tag("slow")
class TestSplitTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    static List<CaseRef> cases(int n) {
        List<CaseRef> c = new ArrayList<>();
        for (int i = 0; i < n; i++) c.add(new CaseRef("case_" + i, Path.of("img" + i + ".nii.gz"), Path.of("lab" + i + ".nii.gz")));
        return c;
    }

    @Test
    void randomSplitsAreDisjointSizedAndLeaveTheValidationSplitAloneWithoutTests() {
        List<CaseRef> all = cases(16);
        DatasetSplit s = DatasetSplit.random(all, 0.2, 0.25, 7);
        assertEquals(4, s.test().size());
        assertEquals(3, s.validation().size()); // round(0.2 * 16)
        assertEquals(9, s.training().size());
        Set<CaseRef> seen = new HashSet<>();
        for (List<CaseRef> part : List.of(s.training(), s.validation(), s.test())) {
            for (CaseRef r : part) assertTrue(seen.add(r), r + " is in two parts");
        }
        assertEquals(16, seen.size());
        assertEquals(s, DatasetSplit.random(all, 0.2, 0.25, 7));
        assertNotEquals(s.test(), DatasetSplit.random(all, 0.2, 0.25, 8).test());
        // no test fraction: exactly the split of before
        assertEquals(DatasetSplit.random(all, 0.2, 7), DatasetSplit.random(all, 0.2, 0, 7));
        assertTrue(DatasetSplit.random(all, 0.2, 0, 7).test().isEmpty());
        // small sets keep one training and one validation case
        DatasetSplit three = DatasetSplit.random(cases(3), 0.2, 0.5, 1);
        assertEquals(List.of(1, 1, 1), List.of(three.training().size(), three.validation().size(), three.test().size()));
    }

    @Test
    void aRunHoldsTestCasesOutAndScoresThemWithTheBestCheckpoint() throws Exception {
        Path data = TinyRuns.dataset(tmp.resolve("data"), 6);
        RunConfig config = TinyRuns.config(data, tmp.resolve("cache"), 2);
        config.setTestFraction(0.34); // 2 of 6
        config.setSplitSeed(11L);
        config.setSeed(3);

        TrainingData opened = TrainingData.open(config, QUIET);
        Set<String> trainAndVal = new HashSet<>();
        for (PreprocessedCase c : opened.training()) trainAndVal.add(c.id());
        for (PreprocessedCase c : opened.validation()) trainAndVal.add(c.id());
        assertEquals(2, opened.test().size());
        for (TrainingData.TestCase t : opened.test()) assertFalse(trainAndVal.contains(t.id()), t.id() + " also trains or validates");
        assertEquals(4, trainAndVal.size());

        // the split follows split-seed, not seed
        RunConfig otherSeed = config.copy();
        otherSeed.setSeed(4);
        assertEquals(ids(opened.test()), ids(TrainingData.open(otherSeed, QUIET).test()));

        Path runDir = tmp.resolve("run");
        Trainer.start(config, runDir, QUIET).run();
        RunDirectory run = new RunDirectory(runDir);
        JsonNode eval = new ObjectMapper().readTree(run.testDir().resolve("evaluation.json").toFile());
        Set<String> scored = new HashSet<>();
        for (JsonNode row : eval.get("cases")) scored.add(row.get("case").asText());
        assertEquals(ids(opened.test()), scored);
        assertEquals(13, eval.get("organs").size());
        for (String id : scored) assertTrue(Files.isRegularFile(run.testDir().resolve("predictions").resolve(id + ".nii.gz")));
        List<Map<String, Object>> events = new EventLog(run.events()).read();
        assertTrue(events.stream().anyMatch(e -> "test".equals(e.get("event")) && Integer.valueOf(2).equals(e.get("cases"))));
        // config.yaml keeps the split settings, and a run without them keeps no such keys
        String yaml = Files.readString(run.config());
        assertTrue(yaml.contains("test-fraction: 0.34") && yaml.contains("split-seed: 11"), yaml);
        assertFalse(TinyRuns.config(data, tmp.resolve("cache"), 2).toYaml().contains("test-fraction"));
    }

    private static Set<String> ids(List<TrainingData.TestCase> cases) {
        Set<String> s = new HashSet<>();
        for (TrainingData.TestCase c : cases) s.add(c.id());
        return s;
    }
}

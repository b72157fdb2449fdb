package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.CaseRef;
import dynaseg.data.DatasetSplit;

class MsdDatasetTest {
    @TempDir Path dir;

    private void layout(int n, String labels, String extra, boolean touchLabels) throws IOException {
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.createDirectories(dir.resolve("labelsTr"));
        StringBuilder training = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = String.format("case_%04d.nii.gz", i);
            Files.writeString(dir.resolve("imagesTr").resolve(name), "x");
            if (touchLabels || i != n - 1) Files.writeString(dir.resolve("labelsTr").resolve(name), "x");
            if (i > 0) training.append(", ");
            training.append("{\"image\": \"./imagesTr/").append(name).append("\", \"label\": \"./labelsTr/").append(name).append("\"}");
        }
        Files.writeString(dir.resolve("dataset.json"), "{\"name\": \"t\", \"labels\": " + labels
                + ", \"training\": [" + training + "]" + extra + "}");
    }

    @Test
    void readsCasesAndClassNames() throws IOException {
        layout(3, "{\"0\": \"background\", \"2\": \"kidney_right\", \"1\": \"spleen\"}", "", true);
        MsdDataset d = MsdDataset.open(dir);
        assertEquals("msd", d.format());
        assertEquals(List.of("background", "spleen", "kidney_right"), d.classNames());
        assertEquals(3, d.classCount());
        assertEquals(3, d.cases().size());
        CaseRef c = d.cases().get(1);
        assertEquals("case_0001", c.id());
        assertEquals(dir.toAbsolutePath().resolve("imagesTr/case_0001.nii.gz"), c.image());
        assertEquals(dir.toAbsolutePath().resolve("labelsTr/case_0001.nii.gz"), c.label());
        assertTrue(d.validationCases().isEmpty());
    }

    @Test
    void readsNnUnetV2LabelForm() throws IOException {
        layout(1, "{\"background\": 0, \"liver\": 1}", "", true);
        assertEquals(List.of("background", "liver"), MsdDataset.open(dir.resolve("dataset.json")).classNames());
    }

    @Test
    void missingLabelFileIsNamed() throws IOException {
        layout(3, "{\"0\": \"background\", \"1\": \"spleen\"}", "", false);
        IOException e = assertThrows(IOException.class, () -> MsdDataset.open(dir));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().resolve("labelsTr/case_0002.nii.gz").toString()), e.getMessage());
    }

    @Test
    void gapInLabelIdsIsAnError() throws IOException {
        layout(1, "{\"0\": \"background\", \"2\": \"spleen\"}", "", true);
        IOException e = assertThrows(IOException.class, () -> MsdDataset.open(dir));
        assertTrue(e.getMessage().contains("dataset.json") && e.getMessage().contains("missing id 1"), e.getMessage());
    }

    @Test
    void namedValidationListIsHonoured() throws IOException {
        layout(4, "{\"0\": \"background\", \"1\": \"spleen\"}",
                ", \"validation\": [{\"image\": \"imagesTr/case_0003.nii.gz\", \"label\": \"labelsTr/case_0003.nii.gz\"}]", true);
        // case_0003 is listed in both: ids must be unique
        assertThrows(IOException.class, () -> MsdDataset.open(dir));
        String json = Files.readString(dir.resolve("dataset.json")).replace("{\"image\": \"./imagesTr/case_0003.nii.gz\", \"label\": \"./labelsTr/case_0003.nii.gz\"}", "")
                .replace("}, ]", "}]");
        Files.writeString(dir.resolve("dataset.json"), json);
        MsdDataset d = MsdDataset.open(dir);
        assertEquals(4, d.cases().size());
        DatasetSplit s = DatasetSplit.of(d, 1);
        assertEquals(List.of("case_0003"), s.validation().stream().map(CaseRef::id).toList());
        assertEquals(3, s.training().size());
    }

    @Test
    void randomSplitIsSeededDisjointAndEighty20() {
        List<CaseRef> cases = new ArrayList<>();
        for (int i = 0; i < 10; i++) cases.add(new CaseRef("c" + i, Path.of("i" + i), Path.of("l" + i)));
        DatasetSplit a = DatasetSplit.random(cases, 0.2, 42);
        assertEquals(8, a.training().size());
        assertEquals(2, a.validation().size());
        assertEquals(a, DatasetSplit.random(cases, 0.2, 42));
        Set<CaseRef> all = new HashSet<>(a.training());
        all.addAll(a.validation());
        assertEquals(10, all.size());
        Set<List<CaseRef>> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) seen.add(DatasetSplit.random(cases, 0.2, seed).validation());
        assertTrue(seen.size() > 5, "different seeds give different splits");
        DatasetSplit two = DatasetSplit.random(cases.subList(0, 2), 0.2, 3);
        assertEquals(1, two.validation().size());
        assertEquals(1, two.training().size());
        assertEquals(0, DatasetSplit.random(cases.subList(0, 1), 0.2, 3).validation().size());
        assertNotEquals(a.training(), a.validation());
    }
}

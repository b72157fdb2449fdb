package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.eval.LabelNames;
import dynaseg.testutil.PythonPeer;
import dynaseg.run.TrainingPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * labels.json and labels.ctbl as nnU-Net's and 3D Slicer's readers see them: the colour table
 * parsed by an independent Python reader that follows Slicer's rules, labels.json by Python's
 * json; both read back by dynaseg (and by LabelNames, which evaluate and report use).
 */
class LabelTableFilesTest {
    @TempDir Path dir;

    /**
     * Slicer's colour-table reading rules (vtkMRMLColorTableStorageNode::ReadCtblFile), written
     * independently: lines starting with '#' and empty lines are skipped, the rest split on
     * whitespace into exactly value, name, R, G, B, A; the value an int, colours ints in 0..255.
     * Prints {value: [name, r, g, b, a]} as JSON, and the comment lines.
     */
    private static final String SLICER_READER = """
            import json, sys
            table, comments = {}, []
            for line in open(sys.argv[1], encoding='utf-8').read().split('\\n'):
                if line.startswith('#'):
                    comments.append(line)
                    continue
                if line == '':
                    continue
                f = line.split()
                assert len(f) == 6, 'not 6 fields: %r' % line
                value = int(f[0])
                rgba = [int(c) for c in f[2:]]
                assert all(0 <= c <= 255 for c in rgba), line
                assert value not in table, 'value twice: %r' % line
                table[value] = [f[1]] + rgba
            print(json.dumps({'table': table, 'comments': comments}))
            """;

    private static final String JSON_READER = """
            import json, sys
            d = json.load(open(sys.argv[1], encoding='utf-8'))
            assert list(d.keys()) == ['labels'], d.keys()
            labels = d['labels']
            assert all(isinstance(v, int) for v in labels.values()), labels
            print(json.dumps(sorted([v, k] for k, v in labels.items())))
            """;

    private static LabelTable sample() {
        Map<Integer, String> names = new TreeMap<>();
        names.put(0, "background");
        names.put(1, "spleen");
        names.put(2, "kidney right"); // a space: Slicer's format needs '_'
        names.put(5, "liver");
        names.put(52, "aorta");
        return LabelTable.of(names);
    }

    @Test
    void slicerAndPythonReadWhatIsWritten() throws IOException {
        PythonPeer.require("json");
        LabelTable table = sample();
        LabelTableFiles.write(dir, table);
        Path ctbl = dir.resolve(LabelTableFiles.COLOR_TABLE);
        Path json = dir.resolve(LabelTableFiles.LABELS_JSON);

        JsonNode slicer = new ObjectMapper().readTree(PythonPeer.run(SLICER_READER, ctbl.toString()));
        JsonNode rows = slicer.get("table");
        assertEquals(5, rows.size(), rows.toString());
        assertEquals("[\"background\",0,0,0,0]", rows.get("0").toString(), "background: transparent black");
        assertEquals("kidney_right", rows.get("2").get(0).asText());
        assertEquals("aorta", rows.get("52").get(0).asText());
        for (LabelTable.Entry e : table.organs()) {
            JsonNode r = rows.get(Integer.toString(e.value()));
            int rgb = LabelTable.organRgb(e.value() - 1);
            assertEquals(List.of((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255),
                    List.of(r.get(1).asInt(), r.get(2).asInt(), r.get(3).asInt(), r.get(4).asInt()), e.name());
        }
        assertEquals("[\"# Color table file labels.ctbl\",\"# 53 values\"]", slicer.get("comments").toString());

        String pairs = PythonPeer.run(JSON_READER, json.toString()).trim();
        assertEquals("[[0, \"background\"], [1, \"spleen\"], [2, \"kidney right\"], [5, \"liver\"], [52, \"aorta\"]]", pairs);

        assertEquals(table, LabelTableFiles.read(json), "labels.json reads back (default colours)");
        LabelTable fromCtbl = LabelTableFiles.read(ctbl);
        assertEquals("kidney_right", fromCtbl.name(2));
        assertEquals(table.argb(52), fromCtbl.argb(52));
        assertEquals("aorta", LabelNames.read(ctbl).name(52), "LabelNames reads the same files");
        assertEquals(52, LabelNames.read(json).maxLabel());
        assertEquals("label_3", LabelNames.read(json).name(3));
    }

    @Test
    void theOrganColoursAreTheTrainingPlotColours() {
        for (int k = 0; k < 25; k++) {
            assertEquals(TrainingPlots.organColour(k).getRGB() & 0xFFFFFF, LabelTable.organRgb(k), "organ " + k);
        }
        assertEquals(0, LabelTable.ofClassNames(List.of("background", "a")).argb(0) >>> 24, "background is transparent");
        assertEquals(0xFF000000 | LabelTable.organRgb(0), LabelTable.ofClassNames(List.of("background", "a")).argb(1));
    }

    @Test
    void readsSlicerFilesAndDatasetJsonForms() throws IOException {
        Path ctbl = dir.resolve("GenericColors.txt");
        Files.writeString(ctbl, """
                # Color table file GenericColors.txt
                # 301 values

                0 background 0 0 0 0
                1 'tissue' 128.0 174 128 255
                7 _ 300 -4 12 255
                300 beyond_a_label_map 1 2 3 255
                """);
        LabelTable t = LabelTableFiles.read(ctbl);
        assertEquals("tissue", t.name(1), "quotes trimmed");
        assertEquals("label_7", t.name(7), "'_' is Slicer's empty name");
        assertEquals(0xFFFF000C, t.argb(7), "colours clamped to 0..255");
        assertEquals(7, t.maxValue(), "values past 255 cannot be in a uint8 map");

        Path msd = dir.resolve("dataset.json");
        Files.writeString(msd, "{\"name\": \"x\", \"labels\": {\"0\": \"background\", \"1\": \"spleen\"}}");
        assertEquals("spleen", LabelTableFiles.read(msd).name(1));
    }

    @Test
    void badFilesAreOneClearLine() throws IOException {
        Path bad = dir.resolve("bad.ctbl");
        Files.writeString(bad, "# header\n1 spleen 10 20 30\n");
        IOException e = assertThrows(IOException.class, () -> LabelTableFiles.read(bad));
        assertTrue(e.getMessage().contains("bad.ctbl line 2") && e.getMessage().contains("value name R G B A"), e.getMessage());

        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, "{\"labels\": {\"spleen\": 1, \"1\": \"liver\"}}");
        e = assertThrows(IOException.class, () -> LabelTableFiles.read(twice));
        assertTrue(e.getMessage().contains("twice.json") && e.getMessage().contains("twice"), e.getMessage());

        Path region = dir.resolve("region.json");
        Files.writeString(region, "{\"labels\": {\"background\": 0, \"kidney\": [1, 2]}}");
        e = assertThrows(IOException.class, () -> LabelTableFiles.read(region));
        assertTrue(e.getMessage().contains("region.json") && e.getMessage().contains("region"), e.getMessage());

        e = assertThrows(IOException.class, () -> LabelTableFiles.read(dir.resolve("missing.json")));
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());

        IllegalArgumentException sameName = assertThrows(IllegalArgumentException.class,
                () -> LabelTable.ofClassNames(List.of("background", "liver", "liver")));
        assertTrue(sameName.getMessage().contains("liver"), sameName.getMessage());
    }
}

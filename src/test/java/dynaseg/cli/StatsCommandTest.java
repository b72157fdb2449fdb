package dynaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.Organ;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.LabelTable;
import dynaseg.io.LabelTableFiles;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.CommandRun;
import dynaseg.testutil.PythonPeer;
import dynaseg.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dynaseg stats}: organ statistics of the real TotalSegmentator example against an
 * independent numpy/nibabel computation (voxels, volume from the zooms, mean, median, population
 * std of nibabel's scaled values), the shape of statistics.json and statistics.csv, and errors.
 */
class StatsCommandTest {
    @TempDir Path dir;

    /**
     * For every label 1..255 of the map (present or named in the table argument): voxels, volume
     * (mm³, voxels x prod(zooms)), and nibabel's get_fdata values inside it: mean, median, std (ddof 0).
     */
    private static final String PEER = """
            import json, sys
            import numpy as np, nibabel as nib
            seg_img, ct_img = nib.load(sys.argv[1]), nib.load(sys.argv[2])
            seg = np.asarray(seg_img.dataobj).astype(np.int64)
            ct = ct_img.get_fdata()
            vox = float(np.prod(seg_img.header.get_zooms()[:3]))
            labels = set(int(v) for v in np.unique(seg) if v != 0) | set(json.loads(sys.argv[3]))
            out = {}
            for l in sorted(labels):
                x = ct[seg == l]
                n = int(x.size)
                out[str(l)] = dict(voxels=n, volume=n * vox,
                                   mean=float(x.mean()) if n else None,
                                   median=float(np.median(x)) if n else None,
                                   std=float(x.std()) if n else None)
            print(json.dumps(out))
            """;

    /** The 13 BTCV organs under their TotalSegmentator v2 ids, as the example's label map holds them. */
    private static LabelTable totalSegV2Table() {
        Map<Integer, String> names = new TreeMap<>();
        names.put(0, "background");
        for (Organ o : Organ.values()) names.put(o.totalSegV2Id(), o.structureName());
        return LabelTable.of(names);
    }

    @Test
    void statisticsOfTheRealCtMatchNumpy() throws IOException {
        PythonPeer.require("numpy", "nibabel");
        Path data = SharedData.totalsegExample();
        Path seg = data.resolve("example_seg.nii.gz");
        Path ct = data.resolve("example_ct_sm.nii.gz");
        Path table = dir.resolve("v2.json");
        Files.writeString(table, LabelTableFiles.labelsJson(totalSegV2Table()));
        // A copy of the CT with scl_slope 0.5 and scl_inter 10 patched into its header (same stored
        // voxels): the statistics must use the scaled values, as nibabel's get_fdata does.
        Path scaled = dir.resolve("ct_scaled.nii.gz");
        PythonPeer.run("""
                import sys, gzip, struct
                b = bytearray(gzip.open(sys.argv[1]).read())
                assert struct.unpack_from('<i', b, 0)[0] == 348
                struct.pack_into('<ff', b, 112, 0.5, 10.0)
                gzip.open(sys.argv[2], 'wb').write(bytes(b))
                """, ct.toString(), scaled.toString());
        assertEquals(0.5, Nifti.readHeader(scaled).sclSlope());

        for (Path image : List.of(ct, scaled)) {
            Path out = dir.resolve("out-" + image.getFileName());
            CommandRun r = CommandRun.of("stats", seg.toString(), "--image", image.toString(), "--labels", table.toString(),
                    "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("spleen") && r.out().contains("volume (ml)"), r.out());
            JsonNode mine = new ObjectMapper().readTree(out.resolve("statistics.json").toFile());
            JsonNode peer = new ObjectMapper().readTree(PythonPeer.run(PEER, seg.toString(), image.toString(),
                    totalSegV2Table().organs().stream().map(e -> e.value()).toList().toString()));

            LabelTable names = totalSegV2Table();
            assertEquals(peer.size(), mine.size(), "one entry per organ of the table and per other label: " + mine);
            for (Iterator<Map.Entry<String, JsonNode>> it = peer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String organ = names.name(Integer.parseInt(e.getKey()));
                JsonNode m = mine.get(organ);
                JsonNode p = e.getValue();
                assertTrue(m != null, organ + " in " + mine);
                assertEquals(p.get("voxels").asLong(), m.get("voxels").asLong(), organ);
                close(p.get("volume").asDouble(), m.get("volume").asDouble(), organ + " volume mm3");
                close(p.get("volume").asDouble() / 1000, m.get("volume_ml").asDouble(), organ + " volume ml");
                if (p.get("voxels").asLong() == 0) {
                    assertTrue(m.get("intensity").isNull() && m.get("median").isNull() && m.get("std").isNull(), organ + ": " + m);
                    continue;
                }
                close(p.get("mean").asDouble(), m.get("intensity").asDouble(), organ + " mean");
                close(p.get("median").asDouble(), m.get("median").asDouble(), organ + " median");
                close(p.get("std").asDouble(), m.get("std").asDouble(), organ + " std");
            }
            // the README's counts, the organ absent from this crop, and a label outside the table
            assertEquals(9452, mine.get("spleen").get("voxels").asLong());
            assertEquals(9452 * 27.0, mine.get("spleen").get("volume").asDouble(), 1e-9);
            assertEquals(0, mine.get("esophagus").get("voxels").asLong());
            assertEquals(1, mine.get("label_13").get("voxels").asLong());

            List<String> csv = Files.readAllLines(out.resolve("statistics.csv"));
            assertEquals("case,organ,label,voxels,volume_ml,volume_mm3,mean,median,std", csv.get(0));
            assertTrue(csv.contains("example_seg,spleen,1,9452,255.204000,255204.000000,"
                    + String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f", mine.get("spleen").get("intensity").asDouble(),
                            mine.get("spleen").get("median").asDouble(), mine.get("spleen").get("std").asDouble())), csv.toString());
            assertTrue(csv.stream().anyMatch(l -> l.startsWith("example_seg,esophagus,15,0,0.000000,0.000000,nan,nan,nan")), csv.toString());
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void namesComeFromTheLabelsJsonBesideTheSegmentation() throws IOException {
        Geometry g = Geometry.axisAligned(4, 3, 2, 2, 2, 2.5);
        byte[] l = new byte[24];
        float[] hu = new float[24];
        for (int i = 0; i < 24; i++) hu[i] = i * 10 - 100;
        l[0] = l[1] = l[2] = 1; // values -100, -90, -80
        l[5] = l[6] = l[7] = l[8] = 2; // -50, -40, -30, -20: median -35
        Path folder = Files.createDirectories(dir.resolve("pred"));
        Nifti.writeLabels(new LabelMap(g, l), folder.resolve("case.nii.gz"));
        Nifti.writeVolume(new Volume(g, hu), dir.resolve("case_ct.nii.gz"), "int16");
        LabelTableFiles.write(folder, LabelTable.ofClassNames(List.of("background", "cyst", "kidney", "liver")));

        CommandRun r = CommandRun.of("stats", folder.resolve("case.nii.gz").toString(), "--image", dir.resolve("case_ct.nii.gz").toString(),
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(List.of("cyst", "kidney", "liver"), iteratorToList(j.fieldNames()));
        assertEquals(-90, j.get("cyst").get("intensity").asDouble(), 1e-12);
        assertEquals(-90, j.get("cyst").get("median").asDouble(), 1e-12);
        assertEquals(Math.sqrt(200.0 / 3), j.get("cyst").get("std").asDouble(), 1e-9);
        assertEquals(-35, j.get("kidney").get("median").asDouble(), 1e-12, "even count: the mean of the two middle values");
        assertEquals(4 * 10.0, j.get("kidney").get("volume").asDouble(), 1e-12);
        assertEquals(0.04, j.get("kidney").get("volume_ml").asDouble(), 1e-15);
        assertEquals(0, j.get("liver").get("voxels").asInt());
        assertTrue(j.get("liver").get("intensity").isNull());
    }

    private static List<String> iteratorToList(Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    @Test
    void differentGridsAreOneErrorNamingBothFiles() throws IOException {
        Nifti.writeLabels(new LabelMap(Geometry.axisAligned(4, 4, 4, 1, 1, 1), new byte[64]), dir.resolve("seg.nii.gz"));
        Nifti.writeVolume(new Volume(Geometry.axisAligned(4, 4, 5, 1, 1, 1), new float[80]), dir.resolve("ct.nii.gz"), "int16");
        CommandRun r = CommandRun.of("stats", dir.resolve("seg.nii.gz").toString(), "--image", dir.resolve("ct.nii.gz").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("seg.nii.gz") && r.err().contains("ct.nii.gz") && r.err().contains("different grids"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        CommandRun noTable = CommandRun.of("stats", dir.resolve("seg.nii.gz").toString(), "--image", dir.resolve("ct.nii.gz").toString(),
                "--labels", dir.resolve("nope.json").toString());
        assertEquals(1, noTable.exitCode(), noTable.err());
        assertTrue(noTable.err().contains("nope.json"), noTable.err());
    }
}

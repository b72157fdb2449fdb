package dynaseg.data.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.data.Organ;
import dynaseg.phantom.PhantomCase;
import dynaseg.phantom.PhantomGenerator;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small datasets in each layout, written from synthetic phantoms (24^3, all 13 organs present). */
final class FormatFixtures {
    static final PhantomGenerator GENERATOR = new PhantomGenerator(24, new double[] {2, 2, 2.5}, 11);

    private FormatFixtures() {}

    static PhantomCase phantom(int index) {
        return GENERATOR.generate(index);
    }

    /** The first phantom holding all 13 organs (some phantoms have no gallbladder). */
    static PhantomCase fullPhantom() {
        for (int i = 0; ; i++) {
            PhantomCase c = phantom(i);
            if (OrganFilter.organsPresent(c.labels().counts(), 14) == 13) return c;
        }
    }

    /** The phantom's labels with the given organs erased (background). */
    static LabelMap without(LabelMap labels, Set<Organ> erased) {
        byte[] out = labels.labels().clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0 && erased.contains(Organ.ofLabel(out[i] & 0xFF))) out[i] = 0;
        }
        return new LabelMap(labels.geometry(), out);
    }

    /** nnU-Net v2 raw: imagesTr/case_XXXX_0000.nii.gz, labelsTr/case_XXXX.nii.gz, dataset.json (v2 labels form). */
    static void writeNnUnet(Path dir, int cases) throws IOException {
        Files.createDirectories(dir.resolve("imagesTr"));
        Files.createDirectories(dir.resolve("labelsTr"));
        for (int i = 0; i < cases; i++) {
            PhantomCase c = phantom(i);
            String id = String.format(Locale.ROOT, "case_%04d", i);
            Nifti.writeVolume(c.image(), dir.resolve("imagesTr/" + id + "_0000.nii.gz"), "int16");
            Nifti.writeLabels(c.labels(), dir.resolve("labelsTr/" + id + ".nii.gz"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel_names", Map.of("0", "CT"));
        Map<String, Integer> labels = new LinkedHashMap<>();
        labels.put("background", 0);
        for (Organ o : Organ.values()) labels.put(o.structureName(), o.label());
        json.put("labels", labels);
        json.put("numTraining", cases);
        json.put("file_ending", ".nii.gz");
        new ObjectMapper().writeValue(dir.resolve("dataset.json").toFile(), json);
    }

    /** BTCV: RawData/Training/img/img000N.nii.gz and label/label000N.nii.gz (N from 1). */
    static void writeBtcv(Path dir, int cases) throws IOException {
        Path training = Files.createDirectories(dir.resolve("RawData/Training"));
        Files.createDirectories(training.resolve("img"));
        Files.createDirectories(training.resolve("label"));
        for (int i = 0; i < cases; i++) {
            PhantomCase c = phantom(i);
            String n = String.format(Locale.ROOT, "%04d", i + 1);
            Nifti.writeVolume(c.image(), training.resolve("img/img" + n + ".nii.gz"), "int16");
            Nifti.writeLabels(c.labels(), training.resolve("label/label" + n + ".nii.gz"));
        }
    }

    /** One TotalSegmentator case folder: ct.nii.gz and a binary mask per organ of {@code labels}, plus a non-organ mask. */
    static Path writeTotalSegCase(Path dir, String id, PhantomCase c, LabelMap labels) throws IOException {
        Path caseDir = Files.createDirectories(dir.resolve(id).resolve("segmentations"));
        Nifti.writeVolume(c.image(), dir.resolve(id).resolve("ct.nii.gz"), "int16");
        byte[] l = labels.labels();
        for (Organ o : Organ.values()) {
            byte[] mask = new byte[l.length];
            for (int i = 0; i < l.length; i++) if ((l[i] & 0xFF) == o.label()) mask[i] = 1;
            Nifti.writeLabels(new LabelMap(labels.geometry(), mask), caseDir.resolve(o.structureName() + ".nii.gz"));
        }
        byte[] other = new byte[l.length];
        for (int i = 0; i < l.length; i += 7) other[i] = 1; // a structure that is not one of the 13 organs
        Nifti.writeLabels(new LabelMap(labels.geometry(), other), caseDir.resolve("colon.nii.gz"));
        return dir.resolve(id);
    }

    /** TotalSegmentator cases s0000.. from phantoms 0..n-1 and, when splits are given, a meta.csv. */
    static void writeTotalSeg(Path dir, int cases, List<String> splits) throws IOException {
        for (int i = 0; i < cases; i++) {
            PhantomCase c = phantom(i);
            writeTotalSegCase(dir, id(i), c, c.labels());
        }
        if (splits != null) {
            StringBuilder csv = new StringBuilder("image_id;age;gender;split\n");
            for (int i = 0; i < cases; i++) csv.append(id(i)).append(";60;f;").append(splits.get(i)).append('\n');
            Files.writeString(dir.resolve("meta.csv"), csv);
        }
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "s%04d", i);
    }

    /** A grid like {@code g} but shifted by 5 mm in x. */
    static Geometry shifted(Geometry g) {
        double[][] a = g.affine();
        a[0][3] += 5;
        return new Geometry(g.dims(), g.spacing(), a, g.qformCode(), g.sformCode());
    }
}

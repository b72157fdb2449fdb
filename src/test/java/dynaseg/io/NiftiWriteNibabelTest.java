package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dynaseg.testutil.PythonPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files dynaseg writes read in nibabel with the data, affine, data type and transform codes
 * dynaseg meant; label maps written for images nibabel wrote keep nibabel's affine.
 */
class NiftiWriteNibabelTest {
    @TempDir Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode manifest = json.createArrayNode();

    private static final String CHECKER = """
            import json, sys
            import numpy as np, nibabel as nib
            out = []
            for c in json.load(open(sys.argv[1])):
                img = nib.load(c['file'])
                data = img.get_fdata()
                r = dict(file=c['file'], datatype=img.get_data_dtype().name, shape=list(img.shape),
                         affine=img.affine.tolist(), qform=img.get_qform().tolist(),
                         qform_code=int(img.header['qform_code']), sform_code=int(img.header['sform_code']),
                         zooms=[float(z) for z in img.header.get_zooms()], version=int(img.header['sizeof_hdr']))
                if 'expected' in c:
                    exp = np.fromfile(c['expected'], dtype='<f4').reshape(img.shape, order='F')
                    r['maxdiff'] = float(np.max(np.abs(data - exp)))
                if 'like' in c:
                    r['like_affine'] = nib.load(c['like']).affine.tolist()
                out.append(r)
            print(json.dumps(out))
            """;

    private static final String MAKER = """
            import sys
            import numpy as np, nibabel as nib
            c, s = np.cos(0.4), np.sin(0.4)
            aff = np.array([[0.9 * c, -1.1 * s, 0, -40.25], [0.9 * s, 1.1 * c, 0.3, 20.5], [0, 0, 2.2, 7.0], [0, 0, 0, 1]])
            aff[:3, :3] = aff[:3, :3] @ np.array([[1, 0, 0], [0, np.cos(0.2), -np.sin(0.2)], [0, np.sin(0.2), np.cos(0.2)]])
            data = np.arange(6 * 5 * 4, dtype=np.int16).reshape(6, 5, 4)
            img = nib.Nifti1Image(data, aff)
            nib.save(img, sys.argv[1] + '/src_sform.nii.gz')
            img = nib.Nifti1Image(data, aff)
            img.set_sform(None, code=0)
            img.set_qform(aff, code=1)
            nib.save(img, sys.argv[1] + '/src_qform.nii.gz')
            """;

    static double[][] obliqueAffine() {
        double a = 0.35, b = -0.25;
        double[][] r = {{Math.cos(a), -Math.sin(a) * Math.cos(b), Math.sin(a) * Math.sin(b)},
                        {Math.sin(a), Math.cos(a) * Math.cos(b), -Math.cos(a) * Math.sin(b)},
                        {0, Math.sin(b), Math.cos(b)}};
        double[] z = {0.75, 1.5, 2.5};
        double[][] aff = new double[4][4];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) aff[i][j] = r[i][j] * z[j];
        aff[0][3] = -100.5; aff[1][3] = 33.25; aff[2][3] = 12;
        aff[3][3] = 1;
        return aff;
    }

    static Geometry oblique(int nx, int ny, int nz, int qcode, int scode) {
        return new Geometry(new int[] {nx, ny, nz}, new double[] {0.75, 1.5, 2.5}, obliqueAffine(), qcode, scode);
    }

    private void add(Path file, float[] expected, Path like) throws IOException {
        ObjectNode c = manifest.addObject();
        c.put("file", file.toString());
        if (expected != null) {
            Path raw = dir.resolve(file.getFileName() + ".f32");
            ByteBuffer bb = ByteBuffer.allocate(4 * expected.length).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(expected);
            Files.write(raw, bb.array());
            c.put("expected", raw.toString());
        }
        if (like != null) c.put("like", like.toString());
    }

    @Test
    void dynasegFilesReadEqualInNibabel() throws IOException {
        PythonPeer.require("nibabel", "numpy");
        Random rnd = new Random(3);
        String[] types = {"uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "float32", "float64"};
        Geometry g = oblique(6, 5, 4, 1, 1);
        for (int t = 0; t < types.length; t++) {
            NiftiDataType type = NiftiDataType.fromName(types[t]);
            float[] v = new float[g.voxelCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = type.isInteger() ? (float) Math.rint(Math.max(type.minValue(), Math.min(type.maxValue(),
                        rnd.nextGaussian() * 100 + (type.minValue() == 0 ? 120 : 0)))) : (float) (rnd.nextGaussian() * 1000);
            }
            if (type.isInteger() && type.bytes() <= 2) {
                v[0] = (float) type.minValue();
                v[1] = (float) type.maxValue();
            }
            if (type == NiftiDataType.INT32 || type == NiftiDataType.INT64) v[0] = -2147483648f;
            if (type == NiftiDataType.UINT32) v[1] = 4294967040f;
            Path f = dir.resolve(types[t] + (t % 2 == 0 ? ".nii.gz" : ".nii"));
            Nifti.writeVolume(new Volume(g, v), f, types[t]);
            add(f, v, null);
        }
        // non-integral values in int16: stored with scl_slope/scl_inter
        float[] soft = new float[g.voxelCount()];
        for (int i = 0; i < soft.length; i++) soft[i] = (float) (rnd.nextGaussian() * 3.3);
        Path scaled = dir.resolve("scaled_int16.nii.gz");
        Nifti.writeVolume(new Volume(g, soft), scaled, "int16");
        add(scaled, soft, null);
        // larger than one 1 MiB compression block: several deflate blocks joined into one gzip member
        Geometry big = Geometry.axisAligned(96, 96, 40, 1, 1, 2);
        float[] bigV = new float[big.voxelCount()];
        for (int i = 0; i < bigV.length; i++) bigV[i] = (float) (Math.sin(i * 0.001) * 500 + rnd.nextGaussian() * 20);
        Path multi = dir.resolve("multiblock_float32.nii.gz");
        Nifti.writeVolume(new Volume(big, bigV), multi, "float32");
        add(multi, bigV, null);
        // a custom affine with both codes 0 must still reach the reader
        Path noCodes = dir.resolve("no_codes.nii");
        Nifti.writeVolume(new Volume(oblique(6, 5, 4, 0, 0), soft), noCodes, "float32");
        add(noCodes, soft, null);
        // label maps for images nibabel wrote
        PythonPeer.run(MAKER, dir.toString());
        for (String src : new String[] {"src_sform", "src_qform"}) {
            Path in = dir.resolve(src + ".nii.gz");
            Volume img = Nifti.readVolume(in);
            byte[] lab = new byte[img.voxels().length];
            float[] labF = new float[lab.length];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = (byte) (i % 14 == 13 ? 255 : i % 14);
                labF[i] = lab[i] & 0xFF;
            }
            Path out = dir.resolve(src + "_labels.nii.gz");
            Nifti.writeLabels(new LabelMap(img.geometry(), lab), out);
            add(out, labF, in);
            LabelMap back = Nifti.readLabels(out);
            assertTrue(back.geometry().sameGrid(img.geometry(), 0), src + ": geometry changed in a dynaseg round trip");
            assertEquals(img.geometry().qformCode(), back.geometry().qformCode());
            assertEquals(img.geometry().sformCode(), back.geometry().sformCode());
        }
        Path manifestFile = dir.resolve("manifest.json");
        json.writeValue(manifestFile.toFile(), manifest);
        JsonNode results = json.readTree(PythonPeer.run(CHECKER, manifestFile.toString()));
        assertEquals(manifest.size(), results.size());
        for (JsonNode r : results) check(r);
    }

    private void check(JsonNode r) {
        String name = Path.of(r.get("file").asText()).getFileName().toString();
        String stem = name.replace(".nii.gz", "").replace(".nii", "");
        assertEquals(348, r.get("version").asInt(), name + ": NIfTI-1");
        double[][] aff = matrix(r.get("affine"));
        switch (stem) {
            case "scaled_int16" -> {
                assertEquals("int16", r.get("datatype").asText());
                assertTrue(r.get("maxdiff").asDouble() < 3.3 * 8 / 65535.0 * 0.51 + 1e-6, name + " maxdiff " + r.get("maxdiff"));
            }
            case "multiblock_float32" -> {
                assertEquals(0.0, r.get("maxdiff").asDouble(), name);
                assertEquals("[96,96,40]", r.get("shape").toString());
                assertEquals(2.0, aff[2][2]);
            }
            case "no_codes" -> {
                assertEquals(0, r.get("qform_code").asInt(), name);
                assertEquals(2, r.get("sform_code").asInt(), name + ": sform code raised so the affine is not lost");
                assertAffine(obliqueAffine(), aff, 0, name);
            }
            case "src_sform_labels", "src_qform_labels" -> {
                assertEquals("uint8", r.get("datatype").asText());
                assertEquals(0.0, r.get("maxdiff").asDouble(), name);
                // sform: bit-exact; qform: rebuilt from the quaternion nibabel stored, to float32 precision
                assertAffine(matrix(r.get("like_affine")), aff, stem.startsWith("src_sform") ? 0 : 1e-5, name);
                assertEquals(stem.startsWith("src_sform") ? 2 : 0, r.get("sform_code").asInt(), name);
                assertEquals(stem.startsWith("src_sform") ? 0 : 1, r.get("qform_code").asInt(), name);
            }
            default -> {
                assertEquals(stem, r.get("datatype").asText(), name + ": datatype");
                assertEquals(0.0, r.get("maxdiff").asDouble(), name + ": values");
                assertEquals("[6,5,4]", r.get("shape").toString());
                assertEquals(1, r.get("qform_code").asInt(), name);
                assertEquals(1, r.get("sform_code").asInt(), name);
                assertAffine(obliqueAffine(), aff, 0, name);
                // the qform holds the same rigid affine (within float32 rounding of the quaternion)
                assertAffine(obliqueAffine(), matrix(r.get("qform")), 1e-5, name + " qform");
                assertEquals(0.75, r.get("zooms").get(0).asDouble(), 1e-6);
                assertEquals(2.5, r.get("zooms").get(2).asDouble(), 1e-6);
            }
        }
    }

    /** Compares with the float32 rounding the NIfTI-1 header applies; tol 0 means bit-exact after it. */
    private static void assertAffine(double[][] expected, double[][] actual, double tol, String what) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double e = (float) expected[i][j];
                assertEquals(e, actual[i][j], tol, what + ": affine[" + i + "][" + j + "]");
            }
        }
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[4][4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) m[i][j] = n.get(i).get(j).asDouble();
        return m;
    }
}

package dynaseg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.PythonPeer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files nibabel writes (every data type in both byte orders, scaling, qform-only, sform with
 * shear, no transform codes, NIfTI-2, 4D with one volume, .nii and .nii.gz) read in dynaseg with
 * nibabel's values ({@code get_fdata}), dims, zooms, best affine, codes, data type and axis codes.
 */
class NiftiReadNibabelTest {
    @TempDir Path dir;

    static final String GENERATOR = """
import json, sys, os
import numpy as np, nibabel as nib

out = sys.argv[1]
rng = np.random.default_rng(7)
shape = (7, 5, 4)
cases = []

def rot(ax, ay, az):
    cx, sx, cy, sy, cz, sz = np.cos(ax), np.sin(ax), np.cos(ay), np.sin(ay), np.cos(az), np.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx

def affine(r, zooms, t):
    a = np.eye(4)
    a[:3, :3] = r @ np.diag(zooms)
    a[:3, 3] = t
    return a

OBLIQUE = affine(rot(0.3, -0.2, 0.5), [0.8, 1.25, 2.5], [-90.5, 12.25, 40.0])
FLIPPED = affine(rot(0.1, 0.05, -0.2) @ np.diag([1, 1, -1]), [1.5, 1.5, 3.0], [10, -20, 30])
SHEAR = np.array([[1.2, 0.3, 0.1, -5], [0.0, 0.9, 0.2, 7], [0.05, 0.0, 2.0, 3], [0, 0, 0, 1]])
PLAIN = np.diag([0.7, 0.7, 2.0, 1.0])

def values(dtype):
    dt = np.dtype(dtype)
    if dt.kind == 'f':
        v = rng.normal(0, 1000, shape).astype(dt)
        v.flat[0] = 0.0; v.flat[1] = -1.5e6; v.flat[2] = 3.25
        return v
    info = np.iinfo(dt)
    v = rng.integers(max(info.min, -30000), min(info.max, 30000), shape, endpoint=True).astype(dt)
    v.flat[0] = info.min; v.flat[1] = info.max; v.flat[2] = 0
    if dt == np.int64: v.flat[3] = 2**53 + 1; v.flat[4] = -(2**40) - 3
    return v

def save(name, img, gz):
    fname = name + ('.nii.gz' if gz else '.nii')
    path = os.path.join(out, fname)
    nib.save(img, path)
    back = nib.load(path)
    data = back.get_fdata()
    raw = os.path.join(out, name + '.f64')
    data.ravel(order='F').astype('<f8').tofile(raw)
    hdr = back.header
    cases.append(dict(name=name, file=path, expected=raw,
                      dims=[int(x) for x in (list(back.shape) + [1, 1, 1])[:3]],
                      zooms=[float(x) for x in (list(hdr.get_zooms()) + [1, 1, 1])[:3]],
                      affine=back.affine.tolist(), qform_code=int(hdr['qform_code']), sform_code=int(hdr['sform_code']),
                      datatype=back.get_data_dtype().name, version=2 if isinstance(back, nib.Nifti2Image) else 1,
                      orientation=''.join(nib.aff2axcodes(back.affine))))

def image(data, aff, endian='<', dtype=None, cls=nib.Nifti1Image):
    hdr = cls.header_class(endianness=endian)
    img = cls(data, aff, header=hdr)
    img.set_data_dtype(np.dtype(dtype or data.dtype).newbyteorder(endian))
    return img

for i, dt in enumerate(['uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'float32', 'float64']):
    for endian in '<>':
        v = values(dt)
        save(f'{dt}_{"le" if endian == "<" else "be"}', image(v, OBLIQUE if i % 2 else PLAIN, endian), gz=(endian == '>'))

f = rng.normal(40, 300, shape).astype(np.float32)
save('scaled_int16', image(f, PLAIN, '<', 'int16'), gz=True)
save('scaled_uint8_be', image(rng.random(shape).astype(np.float32), PLAIN, '>', 'uint8'), gz=False)

img = image(values('int16'), OBLIQUE)
img.set_sform(None, code=0); img.set_qform(OBLIQUE, code=1)
save('qform_only_oblique', img, gz=True)
img = image(values('int16'), FLIPPED, '>')
img.set_sform(None, code=0); img.set_qform(FLIPPED, code=2)
save('qform_only_qfac_neg_be', img, gz=False)
img = image(values('float32'), SHEAR)
img.set_sform(SHEAR, code=4); img.set_qform(SHEAR, code=1)
save('sform_shear_mni', img, gz=True)
img = image(values('int16'), PLAIN)
img.set_sform(None, code=0); img.set_qform(None, code=0)
save('no_codes', img, gz=False)
save('nifti2_oblique_le', image(values('int16'), OBLIQUE, '<', cls=nib.Nifti2Image), gz=True)
save('nifti2_float64_be', image(values('float64'), FLIPPED, '>', cls=nib.Nifti2Image), gz=False)
save('four_d_singleton', image(values('int16')[..., None], OBLIQUE), gz=True)
save('lps_int16', image(values('int16'), np.array([[-0.8, 0, 0, 100], [0, -0.8, 0, 120], [0, 0, 2.5, -60], [0, 0, 0, 1.0]])), gz=True)
save('strong_oblique_uint16', image(values('uint16'), affine(rot(0.2, 0.1, 1.2), [1, 2, 3], [0, 0, 0])), gz=False)
save('labels_float32', image(rng.integers(0, 14, shape).astype(np.float32), PLAIN), gz=True)
print(json.dumps(cases))
""";

    @TestFactory
    List<DynamicTest> nibabelFilesReadEqual() throws IOException {
        PythonPeer.require("nibabel", "numpy");
        JsonNode cases = new ObjectMapper().readTree(PythonPeer.run(GENERATOR, dir.toString()));
        assertTrue(cases.size() >= 30, "generator made " + cases.size() + " cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        return tests;
    }

    private static void check(JsonNode c) throws IOException {
        Path file = Path.of(c.get("file").asText());
        Volume v = Nifti.readVolume(file);
        Geometry g = v.geometry();
        assertArrayEquals(ints(c.get("dims")), g.dims(), "dims");
        assertArrayEquals(doubles(c.get("zooms")), g.spacing(), 1e-12, "spacing");
        double[][] expectedAffine = new double[4][];
        for (int r = 0; r < 4; r++) expectedAffine[r] = doubles(c.get("affine").get(r));
        for (int r = 0; r < 4; r++) assertArrayEquals(expectedAffine[r], g.affine()[r], 1e-9, "affine row " + r);
        assertEquals(c.get("qform_code").asInt(), g.qformCode(), "qform code");
        assertEquals(c.get("sform_code").asInt(), g.sformCode(), "sform code");
        assertEquals(c.get("orientation").asText(), g.orientation(), "orientation");

        NiftiHeader h = Nifti.readHeader(file);
        assertEquals(c.get("datatype").asText(), h.datatype().numpyName(), "datatype");
        assertEquals(c.get("version").asInt(), h.version(), "NIfTI version");

        double[] expected = readF64(Path.of(c.get("expected").asText()));
        float[] actual = v.voxels();
        assertEquals(expected.length, actual.length, "voxel count");
        for (int i = 0; i < expected.length; i++) {
            int idx = i;
            assertEquals((float) expected[i], actual[i], () -> "voxel " + idx);
        }
        if (c.get("name").asText().startsWith("labels") || c.get("datatype").asText().equals("uint8")
                && !c.get("name").asText().startsWith("scaled")) {
            LabelMap labels = Nifti.readLabels(file);
            for (int i = 0; i < expected.length; i++) assertEquals((int) expected[i], labels.labels()[i] & 0xFF, "label " + i);
            assertTrue(labels.geometry().sameGrid(g, 0), "label geometry");
        }
    }

    static double[] readF64(Path p) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        double[] d = new double[bb.remaining() / 8];
        bb.asDoubleBuffer().get(d);
        return d;
    }

    static int[] ints(JsonNode n) {
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) a[i] = n.get(i).asInt();
        return a;
    }

    static double[] doubles(JsonNode n) {
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) a[i] = n.get(i).asDouble();
        return a;
    }
}

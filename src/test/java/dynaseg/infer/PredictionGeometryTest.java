package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dynaseg.testutil.PythonPeer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prediction lies exactly on its input's grid, as nibabel sees both files: shape, affine,
 * qform/sform codes and matrices, uint8 data; the probabilities file is (X, Y, Z, C) float32 on
 * the same grid, sums to 1 and its argmax is the label map. Inputs cover an oblique LPS grid
 * with both transforms, a qform-only grid with permuted axes (.nii, uncompressed) and a sheared
 * sform-only grid, all at spacings other than the run's.
 */
class PredictionGeometryTest {
    @TempDir Path tmp;

    private static final String MAKER = """
            import sys, numpy as np, nibabel as nib
            d = sys.argv[1]
            rng = np.random.default_rng(7)
            def rot_z(deg):
                t = np.deg2rad(deg); c, s = np.cos(t), np.sin(t)
                return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
            def hu(shape):
                return (rng.normal(0, 300, shape)).clip(-1000, 1000)
            # oblique LPS, qform 1 and sform 2, int16
            a = np.eye(4); a[:3, :3] = rot_z(10) @ np.diag([-1, -1, 1]) @ np.diag([1.3, 1.7, 2.5]); a[:3, 3] = [40, 30, -20]
            img = nib.Nifti1Image(hu((21, 18, 13)).astype(np.int16), a)
            img.set_qform(a, code=1); img.set_sform(a, code=2)
            nib.save(img, d + '/a_lps_oblique.nii.gz')
            # permuted axes (voxel x -> S, y -> R, z -> A), qform only, float32, uncompressed
            b = np.zeros((4, 4)); b[2, 0] = 2.2; b[0, 1] = 1.1; b[1, 2] = 1.6; b[3, 3] = 1; b[:3, 3] = [-10, 5, 7]
            img = nib.Nifti1Image(hu((11, 20, 17)).astype(np.float32), None)
            img.set_qform(b, code=1); img.set_sform(None, code=0)
            nib.save(img, d + '/b_permuted_qform.nii')
            # sheared, sform only (code 4)
            c = np.array([[1.5, 0.2, 0, -3], [0, 1.5, 0.1, 4], [0, 0, 3.0, 5], [0, 0, 0, 1]])
            img = nib.Nifti1Image(hu((15, 14, 9)).astype(np.int16), None)
            img.set_qform(None, code=0); img.set_sform(c, code=4)
            nib.save(img, d + '/c_sheared_sform.nii.gz')
            """;

    private static final String CHECKER = """
            import sys, os, json, numpy as np, nibabel as nib
            ind, outd = sys.argv[1], sys.argv[2]
            res = []
            for name in sorted(os.listdir(ind)):
                inp = nib.load(os.path.join(ind, name)); pred = nib.load(os.path.join(outd, name))
                stem = name[:-7] if name.endswith('.nii.gz') else name[:-4]
                prob = nib.load(os.path.join(outd, stem + '_probabilities.nii.gz'))
                lab = np.asanyarray(pred.dataobj); p = np.asanyarray(prob.dataobj)
                ih, ph = inp.header, pred.header
                r = dict(name=name, shape_ok=pred.shape == inp.shape, dtype=str(pred.get_data_dtype()),
                         affine_err=float(np.abs(pred.affine - inp.affine).max()),
                         qcode=[int(ih['qform_code']), int(ph['qform_code'])], scode=[int(ih['sform_code']), int(ph['sform_code'])],
                         qform_err=float(np.abs(pred.get_qform() - inp.get_qform()).max()) if ih['qform_code'] > 0 else 0.0,
                         sform_err=float(np.abs(pred.get_sform() - inp.get_sform()).max()) if ih['sform_code'] > 0 else 0.0,
                         gz=open(os.path.join(outd, name), 'rb').read(2) == b'\\x1f\\x8b',
                         max_label=int(lab.max()), labels_used=int(len(np.unique(lab))),
                         prob_shape=list(prob.shape), prob_dtype=str(prob.get_data_dtype()),
                         prob_affine_err=float(np.abs(prob.affine - inp.affine).max()),
                         prob_sum_err=float(np.abs(p.sum(axis=3) - 1).max()),
                         argmax_agree=float((np.argmax(p, axis=3) == lab).mean()))
                res.append(r)
            print(json.dumps(res))
            """;

    @Test
    void predictionsHaveExactlyTheInputGeometryInNibabel() throws Exception {
        PythonPeer.require("numpy", "nibabel");
        Path in = Files.createDirectories(tmp.resolve("in"));
        PythonPeer.run(MAKER, in.toString());
        Path runDir = PredictRuns.randomRun(tmp.resolve("run"), PredictRuns.tinyConfig(), "best");
        Path out = tmp.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8);
        PredictionJob.Summary summary;
        try (Predictor p = Predictor.builder(runDir).optWindowBatch(3).build()) {
            summary = new PredictionJob(p, new PredictionWriter(out, false), true, ps, ps, false)
                    .run(PredictionInputs.list(in));
        }
        assertTrue(summary.ok(), console.toString(StandardCharsets.UTF_8));
        assertEquals(3, summary.written().size());

        JsonNode all = new ObjectMapper().readTree(PythonPeer.run(CHECKER, in.toString(), out.toString()));
        assertEquals(3, all.size());
        for (JsonNode r : all) {
            String n = r.get("name").asText();
            assertTrue(r.get("shape_ok").asBoolean(), n);
            assertEquals("uint8", r.get("dtype").asText(), n);
            assertTrue(r.get("affine_err").asDouble() < 1e-4, n + " affine differs by " + r.get("affine_err"));
            assertEquals(r.get("qcode").get(0).asInt(), r.get("qcode").get(1).asInt(), n + " qform code");
            assertEquals(r.get("scode").get(0).asInt(), r.get("scode").get(1).asInt(), n + " sform code");
            assertTrue(r.get("qform_err").asDouble() < 1e-4, n + " qform differs by " + r.get("qform_err"));
            assertTrue(r.get("sform_err").asDouble() < 1e-4, n + " sform differs by " + r.get("sform_err"));
            assertEquals(n.endsWith(".gz"), r.get("gz").asBoolean(), n + " compression follows the input's name");
            assertTrue(r.get("max_label").asInt() <= PredictRuns.ORGANS.size(), n);
            assertEquals(List.of(15, 14, 9, 4).size(), r.get("prob_shape").size(), n);
            assertEquals(PredictRuns.ORGANS.size() + 1, r.get("prob_shape").get(3).asInt(), n);
            assertEquals("float32", r.get("prob_dtype").asText(), n);
            assertTrue(r.get("prob_affine_err").asDouble() < 1e-4, n);
            assertTrue(r.get("prob_sum_err").asDouble() < 1e-4, n + " probabilities sum to 1 off by " + r.get("prob_sum_err"));
            assertTrue(r.get("argmax_agree").asDouble() > 0.999, n + " argmax agrees on " + r.get("argmax_agree"));
        }
        assertEquals(List.of(15, 14, 9), List.of(all.get(2).get("prob_shape").get(0).asInt(),
                all.get(2).get("prob_shape").get(1).asInt(), all.get(2).get("prob_shape").get(2).asInt()));
    }
}

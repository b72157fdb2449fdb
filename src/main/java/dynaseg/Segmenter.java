package dynaseg;

import dynaseg.infer.Predictor;
import dynaseg.io.Geometry;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * dynaseg for programs that embed it: load a model exported by {@code dynaseg export} (a
 * model.zip) once, then segment CT scans, from NIfTI files or from voxels in memory, into organ
 * label maps on each scan's own grid. This class and {@link Segmentation} are the public API;
 * every other class of dynaseg is internal and may change between versions.
 *
 * <pre>{@code
 * try (Segmenter segmenter = Segmenter.load(Path.of("unetr-cbs.zip"))) {
 *     Segmentation organs = segmenter.segment(Path.of("ct.nii.gz"));
 *     organs.writeNifti(Path.of("ct_organs.nii.gz"));
 * }
 * }</pre>
 *
 * A segmentation is what {@code dynaseg predict --model} writes for the same scan, voxel for voxel
 * (the same preprocessing, sliding windows with 50% overlap and Gaussian blending, resampling
 * back). One scan at a time: not thread-safe; use one Segmenter per thread. Close it to free the
 * network's native memory.
 */
public final class Segmenter implements AutoCloseable {
    private final Predictor predictor;

    private Segmenter(Predictor predictor) {
        this.predictor = predictor;
    }

    /**
     * Loads a model.zip on the CPU.
     *
     * @throws IOException naming the file when it is missing, damaged (checksums), foreign or of a newer format
     */
    public static Segmenter load(Path modelZip) throws IOException {
        return load(modelZip, "cpu");
    }

    /** Loads a model.zip on {@code "cpu"} or {@code "gpu"} (CUDA, with PyTorch's CUDA native library on the class path). */
    public static Segmenter load(Path modelZip, String device) throws IOException {
        return new Segmenter(Predictor.fromModel(modelZip).optDevice(device).build());
    }

    /** Label names by value: "background" (0), then the organs (1, 2, ...). */
    public List<String> labelNames() {
        return predictor.classNames();
    }

    /** Segments a CT scan in Hounsfield units from a .nii or .nii.gz file; errors name the file. */
    public Segmentation segment(Path nifti) throws IOException {
        Volume hu = Nifti.readVolume(nifti);
        return new Segmentation(predictor.predict(hu), labelNames());
    }

    /**
     * Segments a CT scan held in memory.
     *
     * @param hu     Hounsfield units, x fastest then y then z: {@code hu[x + nx * (y + ny * z)]}
     * @param dims   {nx, ny, nz}
     * @param affine the 4x4 voxel-to-world matrix in RAS+ millimetres, as NIfTI's sform (nibabel's {@code img.affine})
     */
    public Segmentation segment(float[] hu, int[] dims, double[][] affine) {
        if (dims == null || dims.length != 3 || hu == null || (long) dims[0] * dims[1] * dims[2] != hu.length) {
            throw new IllegalArgumentException("hu must hold nx * ny * nz voxels for dims {nx, ny, nz}");
        }
        double[] spacing = new double[3];
        for (int j = 0; j < 3; j++) {
            spacing[j] = Math.sqrt(affine[0][j] * affine[0][j] + affine[1][j] * affine[1][j] + affine[2][j] * affine[2][j]);
        }
        Geometry grid = new Geometry(dims, spacing, affine, 1, 1);
        return new Segmentation(predictor.predict(new Volume(grid, hu)), labelNames());
    }

    @Override
    public void close() {
        predictor.close();
    }

    @Override
    public String toString() {
        return "Segmenter[" + predictor + "]";
    }
}

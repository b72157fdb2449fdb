package dynaseg.data.preprocess;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.SegmentationDataset;

/**
 * Turns a case's files into a {@link PreprocessedCase}: checks that the label map lies on the
 * image's grid and holds only ids 0..C-1, reorients both to RAS, crops to the body (on the HU
 * image), resamples (trilinear image, nearest labels) to the target spacing and windows the image
 * to [0, 1]. Cropping comes before resampling so that no time is spent on air.
 */
public final class Preprocessor {
    /** Largest difference (mm) between image and label affines that still counts as the same grid. */
    public static final double GRID_TOLERANCE_MM = 1e-2;

    private final PreprocessSettings settings;
    private final int classCount;
    private final CaseReader reader;

    /**
     * @param classCount C, the number of label ids of the dataset (background included)
     * @param reader how the case files are read
     */
    public Preprocessor(PreprocessSettings settings, int classCount, CaseReader reader) {
        if (classCount < 1 || classCount > 256) throw new IllegalArgumentException("class count must be 1..256: " + classCount);
        this.settings = settings;
        this.classCount = classCount;
        this.reader = reader;
    }

    /** A preprocessor for NIfTI cases. */
    public Preprocessor(PreprocessSettings settings, int classCount) {
        this(settings, classCount, CaseReader.NIFTI);
    }

    /** A preprocessor for the cases of {@code dataset} (its class count and file reader). */
    public static Preprocessor forDataset(SegmentationDataset dataset, PreprocessSettings settings) {
        return new Preprocessor(settings, dataset.classCount(), dataset);
    }

    public PreprocessSettings settings() { return settings; }
    public int classCount() { return classCount; }

    /** Reads the case's files and preprocesses them; errors name the offending file. */
    public PreprocessedCase process(CaseRef ref) throws IOException {
        Volume image;
        LabelMap labels;
        try {
            image = reader.readImage(ref);
        } catch (IOException | RuntimeException e) {
            throw readError("image", ref.image(), e);
        }
        try {
            labels = reader.readLabels(ref);
        } catch (IOException | RuntimeException e) {
            throw readError("label map", ref.label(), e);
        }
        return process(ref, image, labels);
    }

    /** Preprocesses a case already in memory ({@code hu} in Hounsfield units); errors name {@code ref}'s files. */
    public PreprocessedCase process(CaseRef ref, Volume hu, LabelMap labels) throws IOException {
        checkLabels(ref, hu.geometry(), labels);
        Reorientation ras = Reorientation.toRas(hu.geometry());
        Volume image = ras.apply(hu);
        LabelMap lab = ras.apply(new LabelMap(hu.geometry(), labels.labels()));
        if (settings.cropToBody()) {
            BodyCrop.Box box = BodyCrop.bodyBox(image, settings.bodyThresholdHu(), settings.bodyMarginMm());
            image = BodyCrop.crop(image, box);
            lab = BodyCrop.crop(lab, box);
        }
        if (settings.targetSpacing() != null) {
            Geometry target = Resampler.targetGrid(image.geometry(), settings.targetSpacing());
            image = Resampler.linear(image, target);
            lab = Resampler.nearest(lab, target);
        }
        return new PreprocessedCase(ref.id(), settings.window().apply(image), lab);
    }

    /**
     * The image path alone (reorient, resample, window; no crop), for inference on scans without
     * labels. The result's geometry tells where each voxel lies in the world.
     */
    public Volume processImage(Volume hu) {
        Volume image = Reorientation.toRas(hu);
        if (settings.targetSpacing() != null) image = Resampler.linear(image, settings.targetSpacing());
        return settings.window().apply(image);
    }

    /** An error naming the file once (readers' messages usually name it already). */
    private static IOException readError(String what, java.nio.file.Path file, Exception e) {
        String msg = String.valueOf(e.getMessage());
        return new IOException(msg.contains(file.toString()) ? "cannot read " + what + ": " + msg
                : "cannot read " + what + " " + file + ": " + msg, e);
    }

    private void checkLabels(CaseRef ref, Geometry imageGrid, LabelMap labels) throws IOException {
        Geometry lg = labels.geometry();
        if (!java.util.Arrays.equals(lg.dims(), imageGrid.dims())) {
            throw new IOException("label map " + ref.label() + " has shape " + java.util.Arrays.toString(lg.dims())
                    + " but its image " + ref.image() + " has shape " + java.util.Arrays.toString(imageGrid.dims()));
        }
        if (!lg.sameGrid(imageGrid, GRID_TOLERANCE_MM)) {
            throw new IOException("label map " + ref.label() + " is not on the grid of its image " + ref.image()
                    + " (affines differ by more than " + GRID_TOLERANCE_MM + " mm)");
        }
        long[] counts = labels.counts();
        for (int v = classCount; v < counts.length; v++) {
            if (counts[v] > 0) {
                throw new IOException("label map " + ref.label() + " holds label " + v + " (" + counts[v]
                        + " voxels) but the dataset defines only ids 0.." + (classCount - 1));
            }
        }
    }
}

package dynaseg.infer;

import dynaseg.data.NnUnetNaming;
import dynaseg.io.Nifti;
import dynaseg.io.NiftiMultiChannelWriter;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes predictions into an output folder, named by their input's case ({@link #caseName}: the
 * file name without .nii/.nii.gz and without nnU-Net's channel suffix {@code _0000}, unless the
 * inputs number their cases {@code case_0000, case_0001, ...}: {@link NnUnetNaming}): the label
 * map as {@code out/<case>.nii.gz} or {@code out/<case>.nii}, the input's ending (uint8, the
 * input's dims, affine and qform/sform codes; gzipped when the name ends in .nii.gz) and, when
 * present, the probabilities as {@code out/<case>_probabilities.nii.gz}, a 4D float32 image
 * (X, Y, Z, C) with channel c = label c. Per-organ outputs of a case go to {@link #caseDir
 * out/<case>/}. So {@code imagesTs/ct_0000.nii.gz} is predicted as {@code ct.nii.gz}, the name of
 * its label map in nnU-Net's {@code labelsTs}.
 *
 * <p>Existing predictions are never replaced unless {@code overwrite}. Each file is written to a
 * hidden temporary name in the folder and renamed into place, so a killed run leaves no
 * half-written prediction that a rerun would take for a finished one.
 */
public final class PredictionWriter {
    public static final String PROBABILITIES_SUFFIX = "_probabilities.nii.gz";

    private final Path outDir;
    private final boolean overwrite;
    private final NnUnetNaming naming;

    /** A writer for inputs seen one at a time: a trailing {@code _0000} is nnU-Net's channel. */
    public PredictionWriter(Path outDir, boolean overwrite) {
        this(outDir, overwrite, NnUnetNaming.single());
    }

    private PredictionWriter(Path outDir, boolean overwrite, NnUnetNaming naming) {
        this.outDir = outDir;
        this.overwrite = overwrite;
        this.naming = naming;
    }

    /** This writer for {@code inputs} predicted together: they decide what a trailing {@code _0000} is ({@link NnUnetNaming}). */
    public PredictionWriter forInputs(java.util.List<Path> inputs) {
        return withNaming(naming(inputs));
    }

    /** This writer with {@code naming} (made where all the inputs are known, e.g. Spark's driver). */
    public PredictionWriter withNaming(NnUnetNaming naming) {
        return new PredictionWriter(outDir, overwrite, naming);
    }

    /** The naming of {@code inputs} predicted together. */
    public static NnUnetNaming naming(java.util.List<Path> inputs) {
        return NnUnetNaming.of(inputs.stream().map(PredictionWriter::stem).toList());
    }

    public Path outDir() { return outDir; }

    /** Whether existing outputs are replaced. */
    public boolean overwrite() { return overwrite; }

    /** The case an input is: its name without .nii.gz or .nii, and without nnU-Net's channel suffix {@code _0000}. */
    public String caseName(Path input) {
        return naming.caseOf(stem(input));
    }

    /** {@code out/<case>} with the input's ending (.nii.gz or .nii). */
    public Path labelsPath(Path input) {
        return outDir.resolve(labelsFileName(naming, input));
    }

    /** The label map's file name of {@code input} under {@code naming}: {@code <case>} with the input's ending. */
    public static String labelsFileName(NnUnetNaming naming, Path input) {
        String name = input.getFileName().toString();
        return naming.caseOf(stem(input)) + name.substring(stem(input).length());
    }

    /** {@code out/<case>_probabilities.nii.gz}. */
    public Path probabilitiesPath(Path input) {
        return outDir.resolve(caseName(input) + PROBABILITIES_SUFFIX);
    }

    /** {@code out/<case>/}: the folder of a case's per-organ outputs (split masks, statistics). */
    public Path caseDir(Path input) {
        return outDir.resolve(caseName(input));
    }

    /** True when the label map of {@code input} is already there and may not be replaced. */
    public boolean isDone(Path input) {
        return !overwrite && Files.exists(labelsPath(input));
    }

    /**
     * Writes the label map (and the probabilities when the prediction has them); returns the label
     * map's path. The label map is written last, so its presence means the case is complete.
     *
     * @throws FileAlreadyExistsException when a target exists and overwriting is off
     */
    public Path write(Path input, PredictedCase prediction) throws IOException {
        Path labels = labelsPath(input);
        Path probabilities = probabilitiesPath(input);
        if (!overwrite) {
            if (Files.exists(labels)) throw new FileAlreadyExistsException(labels + ": exists (use --overwrite to replace it)");
            if (prediction.hasProbabilities() && Files.exists(probabilities)) {
                throw new FileAlreadyExistsException(probabilities + ": exists (use --overwrite to replace it)");
            }
        }
        Files.createDirectories(outDir);
        if (prediction.hasProbabilities()) {
            Path tmp = temporary(probabilities);
            try {
                NiftiMultiChannelWriter.writeFloat32(prediction.labels().geometry(), prediction.probabilities(), tmp);
                moveIntoPlace(tmp, probabilities);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        Path tmp = temporary(labels);
        try {
            Nifti.writeLabels(prediction.labels(), tmp);
            moveIntoPlace(tmp, labels);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return labels;
    }

    /** The file name without .nii.gz or .nii (case-insensitive). */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".nii.gz")) return name.substring(0, name.length() - 7);
        if (lower.endsWith(".nii")) return name.substring(0, name.length() - 4);
        return name;
    }

    /** A hidden sibling that keeps the extension (the NIfTI writer gzips by the name's ending). */
    private static Path temporary(Path target) {
        String name = target.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.endsWith(".nii.gz") ? name.substring(name.length() - 7)
                : lower.endsWith(".nii") ? name.substring(name.length() - 4) : "";
        String base = name.substring(0, name.length() - ext.length());
        return target.resolveSibling("." + base + ".partial-" + ProcessHandle.current().pid() + ext);
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

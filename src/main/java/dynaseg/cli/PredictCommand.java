package dynaseg.cli;

import dynaseg.infer.DicomInputs;
import dynaseg.infer.PredictionJob;
import dynaseg.infer.PredictionWriter;
import dynaseg.infer.Predictor;
import dynaseg.train.EpochProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynaseg predict}: label maps for scans from a trained run (see {@link Predictor}, {@link PredictionJob}). */
@Command(
        name = "predict", header = "Segment CT scans with a trained run or model.zip; label maps on each scan's own grid.",
        mixinStandardHelpOptions = true,
        description = {
            "Segment CT scans with a trained run folder (--run) or an exported model (--model, see dynaseg export): the run's preprocessing (RAS, target spacing, HU window), "
                + "sliding-window inference with Gaussian blending (sigma = patch/8), then the class probabilities "
                + "are resampled onto each scan's own grid and the argmax is written as a uint8 NIfTI label map "
                + "with the scan's dims and affine, named by the scan's case: its file name, less nnU-Net's "
                + "channel suffix _0000 (imagesTs/ct_0000.nii.gz is written as ct.nii.gz, as in labelsTs).",
            "Next to the label maps go labels.json (nnU-Net's labels: name -> value) and labels.ctbl (a 3D Slicer "
                + "colour table: value, name, R G B A), so every label map carries its organ names; an output "
                + "folder whose labels.json names other labels is refused.",
            "--split-masks and --statistics write into <out>/<case>/ (TotalSegmentator's layout): one binary "
                + "mask per organ, <organ>.nii.gz, on the scan's grid (every organ, empty when absent); and "
                + "statistics.json and statistics.csv: per organ the voxel count, the volume (key volume in mm3, as "
                + "TotalSegmentator writes it, and volume_ml) and the mean (key intensity), median and population "
                + "standard deviation of the scan's HU inside it (see dynaseg stats).",
            "Existing predictions (label maps, probabilities, masks, statistics, previews, labels.json) are kept "
                + "(skipped) unless --overwrite; a case whose label map exists gets its "
                + "missing masks or statistics from that label map, without predicting again. A scan that fails "
                + "is reported and the others go on; the exit code is 1 when any failed.",
            "DICOM: --input may also be a folder holding a CT series (files with the DICOM marker, any names), or a "
                + "folder whose subfolders each hold one; each series is converted with dcm2niix (which has to be on the "
                + "PATH: apt install dcm2niix) into a temporary folder, removed at the end, and its prediction is "
                + "<out>/<series folder name>.nii.gz on the converted grid (<folder>_series<number>.nii.gz when a folder "
                + "holds several series).",
            "--spark runs the scans as Spark tasks, one per scan."},
        footer = {"", "Examples:",
            "  dynaseg predict --run runs/unet-cbs --input scans/ --out predictions/",
            "  dynaseg predict --run runs/unet-cbs -i ct.nii.gz -o pred/ --mirror --probabilities",
            "  dynaseg predict --model unet-cbs.zip -i scans/ -o predictions/",
            "  dynaseg predict --run runs/unet-cbs -i nnUNet_raw/Dataset009_Spleen/imagesTs -o pred/ --split-masks --statistics",
            "  dynaseg predict --run runs/unet-cbs -i dicom/patient1/ -o pred/ --preview   # pred/patient1.nii.gz + _preview.png",
            "  dynaseg predict --model unet-cbs.zip -i scans/ -o predictions/ --spark 'local[2]' --threads 1   # 2 scans at a time",
            "  dynaseg predict --run runs/unetr --checkpoint last --input scans/ --out pred/ --overlap 0.25 --window-batch 4 --threads 8",
            "  dynaseg evaluate --pred predictions/ --truth labels/     # score them",
            "  dynaseg stats predictions/ct.nii.gz --image scans/ct.nii.gz   # statistics of one label map"})
public final class PredictCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source;

    @Mixin CheckpointOption checkpoint;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE_OR_DIR", description = "a .nii/.nii.gz scan, a folder of them (all, sorted), or a DICOM series folder (see above); "
                    + "with --spark also a list of scans (a text file) or an address (hdfs://, s3a://)")
    Path input; // a Path for the shell's file completion; --spark takes the text as typed (rawValue)

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "output folder (created if missing); with --spark also an address (hdfs://, s3a://)")
    Path out;

    @Option(names = "--overlap", paramLabel = "F", defaultValue = "0.5", description = "window overlap in [0, 1) (default: ${DEFAULT-VALUE})")
    double overlap;

    @Option(names = "--mirror", description = "test-time mirroring: average the 8 flips of the axes (8x slower)")
    boolean mirror;

    @Option(names = "--probabilities", description = "also write <case>_probabilities.nii.gz, 4D float32 (X, Y, Z, class)")
    boolean probabilities;

    @Option(names = "--split-masks", description = "also write <case>/<organ>.nii.gz: one binary uint8 mask per organ")
    boolean splitMasks;

    @Option(names = "--statistics", description = "also write <case>/statistics.json and statistics.csv: organ volumes and HU mean, median, std")
    boolean statistics;

    @Option(names = "--window-batch", paramLabel = "N", defaultValue = "0", description = "windows per network call; 0 = the run's batch size (default)")
    int windowBatch;

    @Option(names = "--preview", description = "also write <name>_preview.png: axial, coronal and sagittal slices through the organs with the labels laid over the CT, and a legend")
    boolean preview;

    @Mixin OverwriteOption overwrite;

    @Mixin DeviceOption device;

    @Mixin TorchThreadsOption threads;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", completionCandidates = Choices.ProgressModes.class,
            description = "progress display: ${COMPLETION-CANDIDATES}; auto = a bar on a terminal, lines otherwise (default: ${DEFAULT-VALUE})")
    EpochProgress.Mode progress;

    @Mixin SparkMasterOption spark;

    @Override
    public Integer call() throws Exception {
        String dev = device.name();
        source.check(checkpoint);
        if (spark.master() != null) {
            // dynaseg.spark touches Spark's classes only from here on
            return dynaseg.spark.SparkEntry.predict(new dynaseg.spark.CohortRequest(spark.master(),
                    source.model == null ? null : source.model.toString(),
                    source.run == null ? null : source.run.toAbsolutePath().toString(), checkpoint.name(), rawValue("--input"),
                    rawValue("--out"), overlap, mirror, probabilities, splitMasks, statistics, windowBatch,
                    preview, overwrite.allowed(), dev, threads.value()), System.out, System.err);
        }
        threads.apply();
        Predictor.Builder builder = source.predictor(checkpoint);
        try (DicomInputs inputs = DicomInputs.prepare(input, System.out);
                Predictor predictor = builder
                .optOverlap(overlap).optMirroring(mirror).optWindowBatch(windowBatch).optDevice(dev).build()) {
            boolean bar = progress == EpochProgress.Mode.BAR
                    || (progress == EpochProgress.Mode.AUTO && EpochProgress.isInteractive());
            // System.out, as the trainer's console: the progress bar needs a PrintStream
            var outputs = new PredictionJob.Outputs(probabilities, splitMasks, statistics);
            PredictionJob.Summary summary = new PredictionJob(predictor, new PredictionWriter(out, overwrite.allowed()).forInputs(inputs.scans()), outputs,
                    System.out, System.err, bar).withPreview(preview).run(inputs.scans());
            return summary.ok() ? 0 : 1;
        }
    }

    /**
     * An option's text as typed: a Path would fold an address ({@code hdfs://host/scans}) into
     * {@code hdfs:/host/scans}, and --spark passes addresses on to Spark's file systems.
     */
    private String rawValue(String option) {
        return spec.commandLine().getParseResult().matchedOption(option).stringValues().get(0);
    }
}

package dynaseg.cli;

import dynaseg.eval.Evaluation;
import dynaseg.eval.EvaluationResult;
import dynaseg.eval.EvaluationWriter;
import dynaseg.eval.LabelNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dynaseg evaluate}: Dice, HD95 and NSD of predicted label maps (see {@link Evaluation}). */
@Command(
        name = "evaluate", header = "Score label maps against the truth: Dice, HD95, normalized surface Dice.",
        mixinStandardHelpOptions = true,
        description = {
            "Score predicted label maps against the truth: per case and organ Dice, 95th-percentile Hausdorff "
                + "distance (mm) and normalized surface Dice at a tolerance (mm). Files pair by name "
                + "(case.nii.gz with case.nii.gz or case.nii), and nnU-Net's image names pair with their label "
                + "names either way (ct_0000.nii.gz with ct.nii.gz), so predictions of an imagesTs folder score "
                + "against its labelsTs.",
            "An organ absent from the truth is NaN and left out of means. An organ in the truth but missing "
                + "from the prediction scores Dice 0, NSD 0 and HD95 inf (so a mean HD95 with a miss is inf).",
            "Organ names come from --labels FILE (labels.json, dataset.json or a Slicer .ctbl), else the labels.json "
                + "that predict wrote into the predictions folder, else a dataset.json in or above the truth folder, "
                + "else the 13 BTCV organs, else label_<k>. With a table, a label above its largest value is an error.",
            "--json prints the scores as JSON (keys cases, mean, organs, tolerance_mm); cases are scored in parallel (--threads)."},
        footer = {"", "Surfaces are voxels with a face neighbour outside the mask (6-connectivity), as MONAI; "
                + "see docs/EVALUATION.md.",
            "", "Examples:",
            "  dynaseg evaluate --pred predictions/ --truth data/labelsTr/",
            "  dynaseg evaluate --pred predictions/ --truth labels/ --tolerance 2 --out scores.csv",
            "  dynaseg evaluate --pred predictions/ --truth labels/ --json > scores.json",
            "  dynaseg evaluate --pred pred/ --truth nnUNet_raw/Dataset009_Spleen/labelsTs --labels pred/labels.json"})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "DIR", description = "folder of predicted label maps (.nii, .nii.gz)")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "DIR", description = "folder of true label maps")
    Path truth;

    @Mixin LabelTableOption labels;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the scores: JSON if FILE ends in .json, else CSV")
    Path out;

    @Mixin JsonOption json;

    @Option(names = "--tolerance", paramLabel = "MM", defaultValue = "1", description = "NSD tolerance in mm (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--allow-missing", description = "skip truth cases without a prediction (with a warning) instead of failing")
    boolean allowMissing;

    @Mixin WorkerThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        LabelNames names = labels.forLabelMaps(pred, truth);
        EvaluationResult result = new Evaluation(tolerance, allowMissing, threads.workers()).run(pred, truth, names);
        var err = spec.commandLine().getErr();
        for (String w : result.warnings()) err.println("dynaseg evaluate: warning: " + w);
        err.flush();
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            boolean asJson = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
            Files.writeString(out, asJson ? EvaluationWriter.json(result) : EvaluationWriter.csv(result));
        }
        var stdout = spec.commandLine().getOut();
        stdout.print(json.wanted() ? EvaluationWriter.json(result) : EvaluationWriter.table(result));
        stdout.flush();
        return 0;
    }
}

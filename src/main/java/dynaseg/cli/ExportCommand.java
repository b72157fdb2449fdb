package dynaseg.cli;

import dynaseg.export.ModelExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynaseg export RUN --out model.zip}: a trained model as one file (see {@link ModelExporter}). */
@Command(
        name = "export", header = "Write a trained run's checkpoint as one model file (model.zip) to ship, predict with or embed.",
        mixinStandardHelpOptions = true,
        description = {
            "Write one checkpoint of a training run as a single model.zip: the weights (DJL's format, and the same "
                + "weights as safetensors under the parameter names of the PyTorch twins in bench/), the run's "
                + "config.yaml (network, preset, patch, preprocessing), the organ names and label values, the training "
                + "summary (strategy, schedule, epochs, best validation and test Dice), dynaseg's version and the "
                + "SHA-256 of every file.",
            "Use it with 'dynaseg predict --model model.zip', from Java with dynaseg.Segmenter, or from Python through "
                + "the safetensors weights (see the README). 'dynaseg info model.zip' shows what a model holds."},
        footer = {"", "Examples:",
            "  dynaseg export runs/unetr-cbs --out unetr-cbs.zip",
            "  dynaseg export runs/unetr-cbs --checkpoint last --out unetr-cbs-last.zip",
            "  dynaseg predict --model unetr-cbs.zip -i scans/ -o predictions/",
            "  dynaseg info unetr-cbs.zip"})
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "training run folder (config.yaml, checkpoints/)")
    Path run;

    @Mixin CheckpointOption checkpoint;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the model file to write (.zip)")
    Path out;

    @Option(names = "--no-torch-weights",
            description = "leave the safetensors copy of the weights out of the zip (it roughly doubles its size)")
    boolean noTorchWeights;

    @Mixin OverwriteOption overwrite;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new IllegalArgumentException("--out " + out + ": a model file ends in .zip");
        }
        if (Files.exists(out) && !overwrite.allowed()) throw new FileAlreadyExistsException(out + ": exists (use --overwrite to replace it)");
        ModelExporter.Result r = ModelExporter.export(run, checkpoint.name(), out, !noTorchWeights);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s (%.1f MB)%n", r.file(), r.bytes() / 1e6);
        w.print(ModelDescription.text(r.manifest()));
        w.flush();
        return 0;
    }
}

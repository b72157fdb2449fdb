package dynaseg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dynaseg.export.ModelArchive;
import dynaseg.export.ModelManifest;
import dynaseg.io.ImageSummary;
import dynaseg.io.LabelTableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dynaseg info FILE}: the header and value statistics of a NIfTI image (see {@link ImageSummary}). */
@Command(
        name = "info", header = "Show a NIfTI file (grid, spacing, type, orientation, affine, values, label counts) or a model.zip.",
        mixinStandardHelpOptions = true,
        description = {"Show a NIfTI image's dims, spacing, data type, orientation, affine and min/max/mean of its values.",
            "--labels also counts the voxels of each value, with organ names beside them when there is a label table: "
                + "--label-table FILE (labels.json, dataset.json or a Slicer .ctbl), else the labels.json next to the file "
                + "(predict writes one next to its label maps).",
            "Given a model.zip (dynaseg export), show what it holds: network, patch, preprocessing, labels, training "
                + "summary and file checksums (the checksums are verified by predict, not here).",
            "--json prints one JSON object: for an image the keys dims, spacing, datatype, orientation, affine, min, max, "
                + "mean, labels, label_names; for a model.zip its manifest."},
        footer = {"", "Examples:",
            "  dynaseg info scan.nii.gz",
            "  dynaseg info --json scan.nii.gz",
            "  dynaseg info --labels segmentation.nii.gz",
            "  dynaseg info --labels --label-table dataset.json labelsTr/case_01.nii.gz",
            "  dynaseg info model.zip"})
public final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .nii or .nii.gz file (NIfTI-1 or NIfTI-2), or a model.zip")
    Path file;

    @Mixin JsonOption json;

    @Option(names = "--labels", description = "also count the voxels of each (integer) value")
    boolean labels;

    @Option(names = "--label-table", paramLabel = "FILE",
            description = "organ names for the counts (implies --labels): labels.json, dataset.json or .ctbl (default: labels.json next to FILE)")
    Path labelTable;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            ModelManifest manifest = ModelArchive.readManifest(file);
            if (json.wanted()) {
                out.println(ModelArchive.manifestJson(manifest));
            } else {
                out.println(file + ": dynaseg model");
                out.print(ModelDescription.text(manifest));
            }
            out.flush();
            return 0;
        }
        boolean count = labels || labelTable != null;
        ImageSummary summary = ImageSummary.of(file, count);
        Optional<Path> table = labelTable != null ? Optional.of(labelTable) : count ? LabelTableFiles.besideFile(file) : Optional.empty();
        if (table.isPresent()) summary = summary.withLabelTable(LabelTableFiles.read(table.get()));
        if (json.wanted()) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary.toJsonMap()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(summary.toText());
        }
        out.flush();
        return 0;
    }
}

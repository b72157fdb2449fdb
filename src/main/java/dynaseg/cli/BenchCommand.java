package dynaseg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dynaseg.bench.BenchReport;
import dynaseg.bench.BenchResult;
import dynaseg.bench.InferenceBenchmark;
import dynaseg.bench.IoBenchmark;
import dynaseg.bench.TrainStepBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dynaseg bench}: measured speed next to the tool a user would use instead, in one run. */
@Command(name = "bench", header = "Measure speed against nibabel and PyTorch eager in the same run.", mixinStandardHelpOptions = true,
        description = {"Measure speed against the tools a user would use instead (nibabel, PyTorch eager from "
                + "Debian's python3-nibabel and python3-torch, run with /usr/bin/python3 or $DYNASEG_PYTHON), in the same run.",
            "Figures are medians of repeated measurements; ratio = peer / ours (above 1: dynaseg is faster)."},
        footer = {"", "Groups:",
            "  io      NIfTI write and read of a 512x512x100 int16 .nii.gz vs nibabel",
            "  loader  training patches per second (batch 2, 96^3) vs what the trainer consumes",
            "  train   one training step of each cpu network (and UNet3D 16..128) vs PyTorch eager",
            "  infer   sliding-window inference of a 256x256x128 volume vs PyTorch eager",
            "", "Examples:", "  dynaseg bench io", "  dynaseg bench all --json bench.json"})
public final class BenchCommand implements Callable<Integer> {
    /** The groups that {@code all} runs, in order. */
    static final List<String> GROUPS = List.of("io", "loader", "train", "infer");

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "GROUP", completionCandidates = Groups.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--repeats", defaultValue = "5", description = "Measurements per figure (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--work", defaultValue = "target/bench", paramLabel = "DIR",
            description = "Scratch folder for files (default: ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws Exception {
        List<String> groups = group.equals("all") ? GROUPS : List.of(group);
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        List<BenchResult> results = new ArrayList<>();
        for (String g : groups) {
            List<BenchResult> part = switch (g) {
                case "io" -> IoBenchmark.run(work, repeats);
                case "loader" -> BenchReport.loader(threads, repeats);
                case "train" -> TrainStepBenchmark.run(TrainStepBenchmark.defaultCases(), repeats, threads);
                case "infer" -> InferenceBenchmark.run(InferenceBenchmark.DEFAULT_DIMS, InferenceBenchmark.defaultModels(), repeats, threads);
                default -> throw new IllegalArgumentException("unknown bench group '" + g + "': use io, loader, train, infer or all");
            };
            results.addAll(part);
            System.out.print(BenchReport.table(part));
        }
        if (json != null) {
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(BenchReport.toJson(results, threads)));
        }
        return 0;
    }

    /** The groups and {@code all}, for --help and completion. */
    static final class Groups implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            return Stream.concat(GROUPS.stream(), Stream.of("all")).iterator();
        }
    }
}

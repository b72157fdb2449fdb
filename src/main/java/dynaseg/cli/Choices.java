package dynaseg.cli;

import dynaseg.data.formats.DatasetFormat;
import dynaseg.data.formats.TotalSegLabelMapping;
import dynaseg.loss.Losses;
import dynaseg.nn.Networks;
import dynaseg.schedule.Schedules;
import dynaseg.train.EpochProgress;
import dynaseg.run.RunConfig;
import dynaseg.run.RunDirectory;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The values of the options that take one of a fixed set, taken from the lists the code checks
 * them against, as picocli {@code completionCandidates}: so {@code --help} lists them
 * ({@code ${COMPLETION-CANDIDATES}}) and {@code dynaseg completion} offers them, and neither can
 * drift from what is accepted.
 */
final class Choices {
    private Choices() {}

    static final class Models implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Networks.MODELS.iterator(); }
    }

    static final class Presets implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Networks.PRESETS.iterator(); }
    }

    static final class Strategies implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Schedules.NAMES.iterator(); }
    }

    static final class LossNames implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Losses.NAMES.iterator(); }
    }

    static final class LrSchedules implements Iterable<String> {
        @Override public Iterator<String> iterator() { return sorted(RunConfig.LR_SCHEDULES); }
    }

    static final class Devices implements Iterable<String> {
        @Override public Iterator<String> iterator() { return sorted(RunConfig.DEVICES); }
    }

    static final class CheckpointNames implements Iterable<String> {
        @Override public Iterator<String> iterator() { return List.of(RunDirectory.BEST, RunDirectory.LAST).iterator(); }
    }

    /** Lower case, as the other values (the enum is parsed case-insensitively). */
    static final class ProgressModes implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            return Arrays.stream(EpochProgress.Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    static final class Formats implements Iterable<String> {
        @Override public Iterator<String> iterator() { return Arrays.stream(DatasetFormat.values()).map(DatasetFormat::cliName).iterator(); }
    }

    static final class LabelMaps implements Iterable<String> {
        @Override public Iterator<String> iterator() {
            return Arrays.stream(TotalSegLabelMapping.values()).map(TotalSegLabelMapping::cliName).iterator();
        }
    }

    /** The sets of RunConfig have no order of their own. */
    private static Iterator<String> sorted(Collection<String> values) {
        return values.stream().sorted().iterator();
    }
}

package dynaseg.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import dynaseg.run.RunDirectory;
import dynaseg.run.TrainingState;
import dynaseg.run.MetricsLog;
import dynaseg.run.EventLog;
import dynaseg.run.TrainingPlots;

/**
 * The human-readable records of a run, written after each epoch's checkpoint: the metrics row,
 * events, both plots and the console table. Because the checkpoint is written first, a crash
 * can leave the records one epoch behind (never ahead); {@link #repair} brings them back in line
 * with the checkpoint on resume, from the row the checkpoint keeps.
 */
public final class RunRecords {
    private final RunDirectory run;
    private final List<String> organs;
    private final MetricsLog metrics;
    private final EventLog events;
    private final TrainingPlots plots = new TrainingPlots();
    private final ConsoleReport console;

    public RunRecords(RunDirectory run, List<String> organs, PrintStream out) throws IOException {
        this.run = run;
        this.organs = List.copyOf(organs);
        this.metrics = new MetricsLog(run.metrics(), organs);
        this.events = new EventLog(run.events());
        this.console = new ConsoleReport(out);
    }

    public EventLog events() { return events; }
    public MetricsLog metrics() { return metrics; }

    /**
     * Makes metrics.csv hold exactly the epochs 1..{@code state.epoch()}: drops later rows (from a
     * run that went on without checkpointing) and adds the checkpoint's own row when the crash
     * came before it was written. Redraws the plots. Returns a note of what was repaired, or null.
     */
    public String repair(TrainingState state) throws IOException {
        int dropped = metrics.truncateAfter(state.epoch());
        List<MetricsLog.Row> rows = metrics.read();
        int lastEpoch = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).epoch();
        boolean added = false;
        if (state.lastRow() != null && lastEpoch < state.epoch() && state.lastRow().epoch() == state.epoch()) {
            metrics.append(state.lastRow());
            added = true;
        }
        if (state.epoch() > 0) plots.write(run, organs, metrics.read());
        if (dropped == 0 && !added) return null;
        String note = "metrics.csv repaired to the checkpoint of epoch " + state.epoch() + ": "
                + (dropped > 0 ? dropped + " later row(s) dropped" : "") + (dropped > 0 && added ? ", " : "")
                + (added ? "row of epoch " + state.epoch() + " restored" : "");
        events.log("repair", "epoch", state.epoch(), "note", note);
        return note;
    }

    /** Everything after an epoch's checkpoint: row, events, plots, console table. */
    public void epochDone(MetricsLog.Row row, double[] weightsUsed, boolean best, long nonFiniteInEpoch) throws IOException {
        metrics.append(row);
        events.log("validation", "epoch", row.epoch(), "dice", byOrgan(row.dice()), "dice_mean", row.diceMean());
        if (!Arrays.equals(weightsUsed, row.weights())) {
            events.log("trigger", "epoch", row.epoch(), "weights_before", byOrgan(weightsUsed),
                    "weights_after", byOrgan(row.weights()));
        }
        if (best) events.log("best", "epoch", row.epoch(), "dice_mean", row.diceMean());
        events.log("epoch_end", "epoch", row.epoch(), "train_loss", row.trainLoss(), "lr", row.lr(),
                "seconds", row.seconds(), "nonfinite_steps", nonFiniteInEpoch,
                "rss_mb", ResidentMemory.currentMb(), "peak_rss_mb", ResidentMemory.peakMb());
        plots.write(run, organs, metrics.read());
        console.print(row.epoch(), organs, row.dice(), row.weights(), weightsUsed);
    }

    private Map<String, Object> byOrgan(double[] values) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < organs.size(); i++) m.put(organs.get(i), values[i]);
        return m;
    }
}

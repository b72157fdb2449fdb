package dynaseg.train;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one training epoch: the running mean loss, iterations per second and the ETA.
 * On a terminal it is a redrawn bar ({@code me.tongfei:progressbar}); elsewhere (CI logs,
 * output piped to a file) a bar's carriage returns would pile up, so it prints plain lines
 * instead, at every tenth of the epoch and at least once a minute, plus one line at the end.
 *
 * <p>All of the training console output (this and {@link ConsoleReport}) goes to one stream,
 * stdout by convention, so the two never interleave out of order.
 * <pre>
 * try (EpochProgress p = EpochProgress.start(epoch, epochs, iterations, System.out, EpochProgress.Mode.AUTO)) {
 *     for (...) { ...; p.step(loss); }
 * }
 * </pre>
 */
public final class EpochProgress implements AutoCloseable {
    /** BAR on a terminal and LINES otherwise (AUTO), or forced. */
    public enum Mode { AUTO, BAR, LINES }

    private static final long LINE_INTERVAL_NANOS = 60_000_000_000L;

    private final int epoch;
    private final int epochs;
    private final int iterations;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final ProgressBar bar;
    private final long startNanos;
    private long lastLineNanos;
    private int done;
    private double lossSum;
    private int lossCount;
    private boolean closed;

    private EpochProgress(int epoch, int epochs, int iterations, PrintStream out, boolean useBar, LongSupplier nanoClock) {
        if (iterations <= 0) throw new IllegalArgumentException("iterations must be > 0");
        this.epoch = epoch;
        this.epochs = epochs;
        this.iterations = iterations;
        this.out = out;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastLineNanos = startNanos;
        this.bar = useBar ? new ProgressBarBuilder()
                .setTaskName(taskName())
                .setInitialMax(iterations)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" it", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250)
                .build() : null;
    }

    /** Starts the display for epoch {@code epoch} of {@code epochs} with {@code iterations} steps. */
    public static EpochProgress start(int epoch, int epochs, int iterations, PrintStream out, Mode mode) {
        return new EpochProgress(epoch, epochs, iterations, out, useBar(mode), System::nanoTime);
    }

    /** Plain-line display with an injected clock (tests). */
    static EpochProgress lines(int epoch, int epochs, int iterations, PrintStream out, LongSupplier nanoClock) {
        return new EpochProgress(epoch, epochs, iterations, out, false, nanoClock);
    }

    /** True when AUTO would draw a bar: the JVM has a console (stdin and stdout are terminals) and TERM isn't dumb. */
    public static boolean isInteractive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    private static boolean useBar(Mode mode) {
        return mode == Mode.BAR || (mode == Mode.AUTO && isInteractive());
    }

    /** One iteration done with this loss (a non-finite loss counts as done but not in the mean). */
    public void step(double loss) {
        if (closed) throw new IllegalStateException("progress already closed");
        done++;
        if (Double.isFinite(loss)) {
            lossSum += loss;
            lossCount++;
        }
        if (bar != null) {
            bar.setExtraMessage("loss " + format(meanLoss()));
            bar.step();
            return;
        }
        long now = nanoClock.getAsLong();
        boolean newTenth = (10L * done) / iterations > (10L * (done - 1)) / iterations;
        if ((newTenth && done < iterations) || now - lastLineNanos >= LINE_INTERVAL_NANOS) {
            out.println(progressLine(now));
            out.flush();
            lastLineNanos = now;
        }
    }

    /** Mean of the finite losses so far; NaN before the first. */
    public double meanLoss() {
        return lossCount == 0 ? Double.NaN : lossSum / lossCount;
    }

    public int iterationsDone() { return done; }

    /** Ends the display: the bar's last state, or a final summary line. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (bar != null) {
            bar.close();
            return;
        }
        long now = nanoClock.getAsLong();
        double seconds = (now - startNanos) / 1e9;
        out.printf(Locale.ROOT, "%s done: %d/%d it in %s, loss %s, %s it/s%n", taskName(), done, iterations,
                duration(seconds), format(meanLoss()), speed(done, seconds));
        out.flush();
    }

    private String progressLine(long now) {
        double seconds = (now - startNanos) / 1e9;
        String eta = done == 0 || seconds <= 0 ? "?" : duration(seconds / done * (iterations - done));
        return String.format(Locale.ROOT, "%s %5.1f%% %d/%d  loss %s  %s it/s  elapsed %s  ETA %s", taskName(),
                100.0 * done / iterations, done, iterations, format(meanLoss()), speed(done, seconds),
                duration(seconds), eta);
    }

    private String taskName() {
        return "epoch " + epoch + "/" + epochs;
    }

    private static String speed(int n, double seconds) {
        return seconds <= 0 ? "?" : String.format(Locale.ROOT, "%.2f", n / seconds);
    }

    private static String format(double loss) {
        return Double.isNaN(loss) ? "nan" : String.format(Locale.ROOT, "%.4f", loss);
    }

    /** h:mm:ss or m:ss. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

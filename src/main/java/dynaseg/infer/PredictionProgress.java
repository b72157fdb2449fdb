package dynaseg.infer;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a prediction job over all its cases, counted in network windows (the unit of
 * work), with the current case and the ETA. On a terminal it is a redrawn bar
 * ({@code me.tongfei:progressbar}); otherwise plain lines at every tenth of the work and at least
 * once a minute, plus one line per finished, skipped or failed case. A case that is skipped or
 * fails takes its windows out of the total, so the ETA stays honest.
 */
public final class PredictionProgress implements AutoCloseable {
    private static final long LINE_INTERVAL_NANOS = 60_000_000_000L;

    private final PrintStream out;
    private final int cases;
    private final LongSupplier clock;
    private final ProgressBar bar;
    private final long start;
    private long lastLine;
    private long total;
    private long doneBefore;
    private long done;
    private int caseWindows;
    private int caseIndex;
    private String caseName = "";

    private PredictionProgress(long totalWindows, int cases, PrintStream out, boolean useBar, LongSupplier clock) {
        this.out = out;
        this.cases = cases;
        this.total = Math.max(1, totalWindows);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastLine = start;
        this.bar = useBar ? new ProgressBarBuilder().setTaskName("predict").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" windows", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(250).build() : null;
    }

    /** A bar when {@code bar}, else lines. */
    public static PredictionProgress start(long totalWindows, int cases, PrintStream out, boolean bar) {
        return new PredictionProgress(totalWindows, cases, out, bar, System::nanoTime);
    }

    /** Lines with an injected clock (tests). */
    static PredictionProgress lines(long totalWindows, int cases, PrintStream out, LongSupplier clock) {
        return new PredictionProgress(totalWindows, cases, out, false, clock);
    }

    /** Case {@code index} (1-based) with {@code windows} windows begins. */
    public void startCase(int index, String name, int windows) {
        caseIndex = index;
        caseName = name;
        caseWindows = windows;
        doneBefore = done;
        if (bar != null) bar.setExtraMessage("case " + index + "/" + cases + " " + name);
    }

    /** Windows done within the current case (the {@link SlidingWindowInference.Progress} callback). */
    public void windowsDone(int inCase, int ofCase) {
        done = doneBefore + Math.min(inCase, caseWindows);
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = clock.getAsLong();
        boolean newTenth = 10 * done / total > 10 * (done - 1) / total;
        if ((newTenth && done < total) || now - lastLine >= LINE_INTERVAL_NANOS) {
            out.println(line(now));
            out.flush();
            lastLine = now;
        }
    }

    /** The current case is finished; {@code message} goes to the line log (a bar shows it at the end). */
    public void caseDone(String message) {
        done = doneBefore + caseWindows;
        if (bar != null) bar.stepTo(done);
        print(message);
    }

    /** A case that is not run (its prediction exists, or it could not be read): its windows leave the total. */
    public void caseSkipped(int windows, String message) {
        shrinkTotal(windows);
        print(message);
    }

    /** The current case failed: the windows it did not run leave the total. */
    public void caseFailed(String message) {
        long ran = done - doneBefore;
        shrinkTotal(caseWindows - ran);
        caseWindows = (int) ran;
        print(message);
    }

    private void shrinkTotal(long windows) {
        total = Math.max(1, total - windows);
        if (bar != null) bar.maxHint(total);
    }

    /** Lines mode prints each case's message; a bar would be torn by them, so the caller prints them at the end. */
    private void print(String message) {
        if (message == null || bar != null) return;
        out.println(message);
        out.flush();
    }

    public long windowsDone() { return done; }
    public long totalWindows() { return total; }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(Math.min(done, total));
            bar.close();
        }
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        String eta = done == 0 || seconds <= 0 ? "?" : duration(seconds / done * (total - done));
        return String.format(Locale.ROOT, "predict %5.1f%% %d/%d windows  case %d/%d %s  elapsed %s  ETA %s",
                100.0 * done / total, done, total, caseIndex, cases, caseName, duration(seconds), eta);
    }

    /** h:mm:ss or m:ss. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

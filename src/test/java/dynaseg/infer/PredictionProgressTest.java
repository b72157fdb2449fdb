package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PredictionProgressTest {
    @Test
    void linesCountWindowsOverCasesAndDroppedCasesLeaveTheTotal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        try (PredictionProgress p = PredictionProgress.lines(30, 3, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> now[0])) {
            p.startCase(1, "a.nii.gz", 10);
            for (int w = 1; w <= 10; w++) {
                now[0] += 1_000_000_000L;
                p.windowsDone(w, 10);
            }
            p.caseDone("case 1 done");
            assertEquals(10, p.windowsDone());
            p.startCase(2, "b.nii.gz", 10);
            p.windowsDone(4, 10);
            p.caseFailed("case 2 failed");
            assertEquals(24, p.totalWindows(), "the 6 windows b did not run leave the total");
            p.caseSkipped(0, "case 3 skipped");
            p.startCase(3, "c.nii.gz", 10);
            p.windowsDone(10, 10);
            p.caseDone("case 3 done");
            assertEquals(p.totalWindows(), p.windowsDone());
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        // a line per tenth of the work; 1 s per window: 27 windows to go take 27 s
        assertTrue(out.contains("predict  10.0% 3/30 windows  case 1/3 a.nii.gz  elapsed 0:03  ETA 0:27"), out);
        assertTrue(out.contains("case 1 done") && out.contains("case 2 failed") && out.contains("case 3 skipped"), out);
        assertTrue(out.indexOf("case 1 done") < out.indexOf("case 2 failed"), out);
    }
}

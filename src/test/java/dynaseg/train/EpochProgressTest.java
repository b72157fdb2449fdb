package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EpochProgressTest {
    @Test
    void plainLinesAtEveryTenthThenASummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong();
        try (EpochProgress p = EpochProgress.lines(2, 5, 20, out, now::get)) {
            for (int i = 0; i < 20; i++) {
                now.addAndGet(500_000_000L); // each iteration takes 0.5 s: 2 it/s
                p.step(i < 10 ? 1.0 : 0.5);
            }
            assertEquals(0.75, p.meanLoss(), 1e-12);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertEquals("epoch 2/5  10.0% 2/20  loss 1.0000  2.00 it/s  elapsed 0:01  ETA 0:09", lines.get(0));
        assertEquals("epoch 2/5  50.0% 10/20  loss 1.0000  2.00 it/s  elapsed 0:05  ETA 0:05", lines.get(4));
        assertEquals("epoch 2/5 done: 20/20 it in 0:10, loss 0.7500, 2.00 it/s", lines.get(9));
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no carriage returns in plain mode");
    }

    @Test
    void slowEpochsPrintAtLeastOnceAMinute() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (EpochProgress p = EpochProgress.lines(1, 1, 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get)) {
            for (int i = 0; i < 50; i++) {
                now.addAndGet(61_000_000_000L);
                p.step(Double.NaN);
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(51, lines.size());
        assertTrue(lines.get(0).contains("loss nan"), lines.get(0));
    }

    @Test
    void barModeDrawsTheBarWithLossAndSpeed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EpochProgress p = EpochProgress.start(1, 3, 4, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                EpochProgress.Mode.BAR)) {
            for (int i = 0; i < 4; i++) p.step(0.25);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/3"), text);
        assertTrue(text.contains("4/4"), text);
        assertTrue(text.contains("loss 0.2500"), text);
        assertTrue(text.contains("it/s"), text);
    }

    @Test
    void autoIsPlainWithoutATerminal() {
        // surefire runs tests without a console, as CI does
        assertFalse(EpochProgress.isInteractive());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EpochProgress p = EpochProgress.start(1, 1, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                EpochProgress.Mode.AUTO)) {
            p.step(1);
            p.step(1);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("epoch 1/1  50.0% 1/2"));
    }
}

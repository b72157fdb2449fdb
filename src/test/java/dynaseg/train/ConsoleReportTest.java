package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void alignedTableWithFrozenAndBoostedMarks() {
        String table = ConsoleReport.table(3, List.of("spleen", "kidney_right", "gallbladder"),
                new double[] {0.9123, 0.8, Double.NaN}, new double[] {0.1, 1.25, 1.0}, new double[] {1, 1.25, 1});
        String nl = System.lineSeparator();
        assertEquals("epoch 3 validation" + nl
                + "  organ           Dice  weight" + nl
                + "  spleen         0.912   0.100  v frozen (new)" + nl
                + "  kidney_right   0.800   1.250  ^ boosted" + nl
                + "  gallbladder      nan   1.000" + nl
                + "  mean           0.856        " + nl, table);
    }

    @Test
    void printsToItsStreamAndChecksLengths() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .print(1, List.of("liver"), new double[] {0.5}, new double[] {1}, null);
        assertEquals(ConsoleReport.table(1, List.of("liver"), new double[] {0.5}, new double[] {1}, null),
                bytes.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleReport.table(1, List.of("liver"), new double[] {0.5, 1}, new double[] {1}, null));
    }
}

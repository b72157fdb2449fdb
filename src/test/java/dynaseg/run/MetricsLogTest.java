package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    private static final List<String> ORGANS = List.of("spleen", "liver");

    @Test
    void headerThenOneRowPerEpochWithSixDecimalsAndNan() throws IOException {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"), ORGANS);
        log.append(MetricsLog.Row.of(1, 0.75, 0.01, 12.5, new double[] {0.5, Double.NaN}, new double[] {1, 1}));
        log.append(MetricsLog.Row.of(2, 0.5, 1e-4, 13, new double[] {0.25, 0.125}, new double[] {0.1, 2}));
        List<String> lines = Files.readAllLines(log.file());
        assertEquals(List.of(
                "epoch,train_loss,lr,seconds,dice_spleen,dice_liver,weight_spleen,weight_liver,dice_mean",
                "1,0.750000,0.010000,12.500000,0.500000,nan,1.000000,1.000000,0.500000",
                "2,0.500000,1.000000e-04,13.000000,0.250000,0.125000,0.100000,2.000000,0.187500"), lines);
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"), ORGANS);
        log.append(MetricsLog.Row.of(1, 0.75, 0.01, 12.5, new double[] {Double.NaN, Double.NaN}, new double[] {1, 1}));
        List<MetricsLog.Row> rows = new MetricsLog(log.file(), ORGANS).read();
        assertEquals(1, rows.size());
        assertEquals(1, rows.get(0).epoch());
        assertTrue(Double.isNaN(rows.get(0).dice()[1]));
        assertTrue(Double.isNaN(rows.get(0).diceMean()), "mean of no Dice is NaN");
        assertArrayEquals(new double[] {1, 1}, rows.get(0).weights());
    }

    @Test
    void truncateDropsEpochsAfterTheResumedOne() throws IOException {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"), ORGANS);
        for (int e = 1; e <= 5; e++) {
            log.append(MetricsLog.Row.of(e, 1.0 / e, 0.01, 1, new double[] {0.1 * e, 0.2}, new double[] {1, 1}));
        }
        assertEquals(2, log.truncateAfter(3));
        List<MetricsLog.Row> rows = log.read();
        assertEquals(List.of(1, 2, 3), rows.stream().map(MetricsLog.Row::epoch).toList());
        assertEquals(4, Files.readAllLines(log.file()).size(), "header + 3 rows");
        log.append(MetricsLog.Row.of(4, 0.3, 0.01, 1, new double[] {0.9, 0.9}, new double[] {0.1, 1}));
        assertEquals(4, log.read().size());
        assertEquals(0, log.truncateAfter(10));
    }

    @Test
    void refusesAnEpochThatIsNotNewer() throws IOException {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"), ORGANS);
        log.append(MetricsLog.Row.of(2, 1, 1, 1, new double[] {0, 0}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> log.append(MetricsLog.Row.of(2, 1, 1, 1, new double[] {0, 0}, new double[] {1, 1})));
    }

    @Test
    void otherOrgansInAnExistingFileAreAnErrorNamingTheFile() throws IOException {
        Path file = dir.resolve("metrics.csv");
        new MetricsLog(file, ORGANS).append(MetricsLog.Row.of(1, 1, 1, 1, new double[] {0, 0}, new double[] {1, 1}));
        IOException e = assertThrows(IOException.class, () -> new MetricsLog(file, List.of("spleen", "aorta")).read());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void rowWithWrongOrganCountIsRejected() {
        MetricsLog log = new MetricsLog(dir.resolve("metrics.csv"), ORGANS);
        assertThrows(IllegalArgumentException.class,
                () -> log.append(MetricsLog.Row.of(1, 1, 1, 1, new double[] {0}, new double[] {1, 1})));
    }
}

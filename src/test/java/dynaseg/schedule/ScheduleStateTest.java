package dynaseg.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Saving a schedule mid-history and restoring it into a fresh one continues exactly. */
class ScheduleStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLASSES = 4;
    private static final int EPOCHS = 60;

    /** Noisy learning curves that rise, peak at different epochs and decline, with a NaN class now and then. */
    static double[][] history(long seed) {
        Random r = new Random(seed);
        double[][] s = new double[EPOCHS][CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            int peak = 8 + r.nextInt(40);
            double top = 0.5 + 0.45 * r.nextDouble();
            for (int t = 0; t < EPOCHS; t++) {
                double v = t < peak ? top * (t + 1) / peak : top - 0.01 * (t - peak);
                v += 0.02 * r.nextGaussian();
                s[t][c] = r.nextInt(25) == 0 ? Double.NaN : Math.max(0, Math.min(1, v));
            }
        }
        return s;
    }

    static ScheduleSettings settings(double alpha) {
        return settings(alpha, null);
    }

    static ScheduleSettings settings(double alpha, Double initialScore) {
        return ScheduleSettings.defaults().withDelta(4).withEpsilon(0.02)
                .withPrevalence(new double[] {0.4, 0.3, 0.2, 0.1}).withEmaAlpha(alpha).withInitialScore(initialScore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "prevalence", "tcf", "pcf", "cbs", "cbs-cumulative"})
    void restoredScheduleContinuesIdentically(String name) throws Exception {
        for (Double s0 : new Double[] {null, 1.0}) {
            for (double alpha : new double[] {1.0, 0.4}) {
                for (long seed = 1; seed <= 5; seed++) {
                    double[][] h = history(seed);
                    ClassWeightSchedule straight = Schedules.create(name, CLASSES, settings(alpha, s0));
                    double[][] expected = new double[EPOCHS][];
                    for (int j = 1; j <= EPOCHS; j++) expected[j - 1] = straight.update(j, h[j - 1]);

                    // with S_0 = 1 also a cut at epoch 3, before the first trigger (epoch 5 = delta + 1)
                    int cut = s0 != null && seed == 1 ? 3 : 10 + (int) (seed * 7);
                    ClassWeightSchedule first = Schedules.create(name, CLASSES, settings(alpha, s0));
                    for (int j = 1; j <= cut; j++) first.update(j, h[j - 1]);
                    String saved = JSON.writeValueAsString(first.saveState());
                    ClassWeightSchedule resumed = Schedules.create(name, CLASSES, settings(alpha, s0));
                    resumed.restoreState(JSON.readTree(saved));
                    assertEquals(cut, resumed.lastEpoch());
                    assertArrayEquals(first.weights(), resumed.weights(), 0);
                    for (int j = cut + 1; j <= EPOCHS; j++) {
                        assertArrayEquals(expected[j - 1], resumed.update(j, h[j - 1]), 0, name + " s0 " + s0 + " alpha " + alpha + " seed " + seed + " epoch " + j);
                    }
                }
            }
        }
    }

    @Test
    void theHistoriesDoTriggerBeforeAndAfterTheCut() {
        // Guards the test above against histories on which nothing ever happens.
        int triggeredEarly = 0;
        int triggeredLate = 0;
        for (long seed = 1; seed <= 5; seed++) {
            double[][] h = history(seed);
            PlateauClassFreezing s = new PlateauClassFreezing(CLASSES, 4, 0.02, 0.1);
            int cut = 10 + (int) (seed * 7);
            for (int j = 1; j <= EPOCHS; j++) {
                int before = s.lastTrigger();
                s.update(j, h[j - 1]);
                if (s.lastTrigger() != before) {
                    if (j <= cut) triggeredEarly++;
                    else triggeredLate++;
                }
            }
        }
        assertTrue(triggeredEarly > 0 && triggeredLate > 0, "early " + triggeredEarly + ", late " + triggeredLate);
    }

    @Test
    void stateIsPlainJsonWithNullForNan() throws Exception {
        ClassWeightSchedule s = Schedules.create("cbs", 2, ScheduleSettings.defaults());
        s.update(1, new double[] {0.5, Double.NaN});
        String text = JSON.writeValueAsString(s.saveState());
        assertTrue(text.contains("null"), text);
        assertTrue(!text.contains("NaN"), text);
        JsonNode back = JSON.readTree(text);
        assertEquals("cbs", back.get("name").asText());
    }

    @Test
    void stateOfAnotherScheduleIsRefused() {
        ScheduleSettings d = ScheduleSettings.defaults();
        JsonNode pcf = Schedules.create("pcf", 3, d).saveState();
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("cbs", 3, d).restoreState(pcf));
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("pcf", 4, d).restoreState(pcf));
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("pcf", 3, d.withEmaAlpha(0.5)).restoreState(pcf));
        JsonNode smoothed = Schedules.create("pcf", 3, d.withEmaAlpha(0.5)).saveState();
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("pcf", 3, d.withEmaAlpha(0.6)).restoreState(smoothed));
    }
}

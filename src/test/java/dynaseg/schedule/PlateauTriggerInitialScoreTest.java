package dynaseg.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The two readings of the paper's {S_i}_0 = 1 on hand-computed trajectories (3 classes, delta = 2,
 * epsilon = 0.01, zeta = 0.001, low = 0.1, cap = 2). "none": epoch 0 never enters a window; 1: an
 * epoch 0 with S = 1 for every class is in every history until the first trigger.
 */
class PlateauTriggerInitialScoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TIGHT = 1e-12;
    private static final int DELTA = 2;
    private static final double EPS = 0.01;
    private static final double ZETA = 0.001;
    private static final Double NONE = null;
    private static final Double ONE = 1.0;

    /**
     * RISING, the example of docs/SCHEDULES.md. A is the best class and rises every epoch, so under
     * "none" its peak is always in the recent window: C = 0, nothing ever fires.
     * With S_0 = 1, at epoch 3 = delta + 1 the recent window [1, 3] has max .75 for A and [0, 3] has 1:
     * C = .25, A freezes, u = 3; B gets min(1/.351, 2) = 2, C gets 1/.601.
     * Then C is tested from u = 3: its max .72 (epoch 5) leaves the window [6, 8] at epoch 8, whose max
     * is .70: C = .02, C freezes, u = 8, and B gets 1/.581.
     */
    static final double[][] RISING = {
        {0.60, 0.20, 0.40}, // 1
        {0.70, 0.30, 0.50}, // 2
        {0.75, 0.35, 0.60}, // 3
        {0.80, 0.40, 0.70}, // 4
        {0.85, 0.45, 0.72}, // 5
        {0.86, 0.50, 0.70}, // 6
        {0.87, 0.55, 0.69}, // 7
        {0.88, 0.58, 0.70}, // 8
    };

    /**
     * PEAKED: A peaks at epoch 2 (.90). "none": the peak leaves the recent window at epoch 5
     * ([3, 5] max .86 vs [1, 5] max .90: C = .04): A freezes at 5, B gets 1/.551, C 1/.721.
     * S_0 = 1: at epoch 3, [1, 3] max .90 vs [0, 3] max 1: C = .10, A freezes at 3, B gets
     * min(1/.451, 2) = 2, C gets 1/.651. After that C rises inside windows starting at u: no more triggers.
     */
    static final double[][] PEAKED = {
        {0.80, 0.30, 0.50}, // 1
        {0.90, 0.40, 0.60}, // 2
        {0.85, 0.45, 0.65}, // 3
        {0.84, 0.50, 0.70}, // 4
        {0.86, 0.55, 0.72}, // 5
        {0.87, 0.60, 0.74}, // 6
    };

    private static double[] w(double... v) { return v; }

    private static double[][] rows(int n, double[] first, int from, double[] then) {
        double[][] r = new double[n][];
        for (int j = 1; j <= n; j++) r[j - 1] = j < from ? first : then;
        return r;
    }

    private static void trajectory(ClassWeightSchedule s, double[][] scores, double[][] expected) {
        for (int j = 1; j <= scores.length; j++) {
            assertArrayEquals(expected[j - 1], s.update(j, scores[j - 1]), TIGHT, s.name() + " after epoch " + j);
        }
    }

    private static PlateauClassFreezing pcf(Double s0) { return new PlateauClassFreezing(3, DELTA, EPS, 0.1, s0); }

    private static ClassBoostScheduling cbs(Double s0) { return new ClassBoostScheduling(3, DELTA, EPS, ZETA, 0.1, 2, s0); }

    private static final double[] ONES = {1, 1, 1};

    /** CBS on RISING with S_0 = 1: triggers at 3 (A) and 8 (C). */
    static final double[][] RISING_CBS_ONE = {
        ONES, ONES,
        w(0.1, 2, 1 / 0.601), w(0.1, 2, 1 / 0.601), w(0.1, 2, 1 / 0.601), w(0.1, 2, 1 / 0.601), w(0.1, 2, 1 / 0.601),
        w(0.1, 1 / 0.581, 0.1),
    };

    @Test
    void literalReadingFiresAtTheFirstTestAfterDeltaWhereNoneNeverFires() {
        PlateauClassFreezing none = pcf(NONE);
        trajectory(none, RISING, rows(8, ONES, 99, ONES));
        assertEquals(0, none.lastTrigger());

        PlateauClassFreezing one = pcf(ONE);
        double[][] expected = rows(8, ONES, 3, w(0.1, 1, 1));
        expected[7] = w(0.1, 1, 0.1);
        for (int j = 1; j <= 2; j++) {
            assertArrayEquals(expected[j - 1], one.update(j, RISING[j - 1]), TIGHT);
            assertEquals(0, one.lastTrigger(), "epoch 0 is in both windows up to epoch delta: C = 0");
        }
        assertArrayEquals(expected[2], one.update(3, RISING[2]), TIGHT);
        assertEquals(3, one.lastTrigger());
        for (int j = 4; j <= 8; j++) assertArrayEquals(expected[j - 1], one.update(j, RISING[j - 1]), TIGHT, "epoch " + j);
        assertEquals(8, one.lastTrigger());
        assertArrayEquals(new boolean[] {true, false, true}, one.frozen());

        trajectory(cbs(NONE), RISING, rows(8, ONES, 99, ONES));
        trajectory(cbs(ONE), RISING, RISING_CBS_ONE);
    }

    @Test
    void bothReadingsFireButAtDifferentEpochs() {
        trajectory(pcf(NONE), PEAKED, rows(6, ONES, 5, w(0.1, 1, 1)));
        trajectory(pcf(ONE), PEAKED, rows(6, ONES, 3, w(0.1, 1, 1)));
        trajectory(cbs(NONE), PEAKED, rows(6, ONES, 5, w(0.1, 1 / 0.551, 1 / 0.721)));
        trajectory(cbs(ONE), PEAKED, rows(6, ONES, 3, w(0.1, 2, 1 / 0.651)));
    }

    @Test
    void theValueIsTheScoreOfEpochZero() {
        // S_0 = .5 is below every best score of RISING: epoch 0 never holds a window's maximum, as under none.
        trajectory(pcf(0.5), RISING, rows(8, ONES, 99, ONES));
        // S_0 = .95 on PEAKED: at epoch 3, [1, 3] max .90 vs [0, 3] max .95: C = .05, A freezes at 3.
        trajectory(pcf(0.95), PEAKED, rows(6, ONES, 3, w(0.1, 1, 1)));
        // S_0 = .91: C = .01 = epsilon at epoch 3, no trigger; at 4, [2, 4] max .90 vs .91: C = .01 again;
        // at 5, [3, 5] max .86 vs [0, 5] max .91: C = .05, A freezes (the epoch at which none fires, with C = .04).
        trajectory(pcf(0.91), PEAKED, rows(6, ONES, 5, w(0.1, 1, 1)));
    }

    @Test
    void epochZeroCountsWithGapsInTheEpochs() {
        // Validation every third epoch: at epoch 3 the recent window [1, 3] holds only epoch 3.
        PlateauClassFreezing none = pcf(NONE);
        PlateauClassFreezing one = pcf(ONE);
        assertArrayEquals(ONES, none.update(3, RISING[2]), TIGHT);
        assertArrayEquals(w(0.1, 1, 1), one.update(3, RISING[2]), TIGHT);
    }

    @Test
    void restoreMidHistoryContinuesExactlyUnderTheLiteralReading() throws Exception {
        for (int cut = 1; cut <= 7; cut++) {
            ClassBoostScheduling first = cbs(ONE);
            for (int j = 1; j <= cut; j++) first.update(j, RISING[j - 1]);
            String saved = JSON.writeValueAsString(first.saveState());
            ClassBoostScheduling resumed = cbs(ONE);
            resumed.restoreState(JSON.readTree(saved));
            for (int j = cut + 1; j <= RISING.length; j++) {
                assertArrayEquals(RISING_CBS_ONE[j - 1], resumed.update(j, RISING[j - 1]), TIGHT, "cut " + cut + ", epoch " + j);
            }
        }
        // Before the first trigger the state holds epoch 0; it is what makes epoch 3 fire after a restore.
        ClassBoostScheduling s = cbs(ONE);
        s.update(1, RISING[0]);
        s.update(2, RISING[1]);
        JsonNode state = s.saveState();
        assertEquals(1.0, state.get("initialScore").doubleValue());
        JsonNode e0 = state.get("history").get(0);
        assertEquals(0, e0.get("epoch").intValue());
        assertEquals("[1.0,1.0,1.0]", e0.get("scores").toString());
        // After a trigger epoch 0 is gone: windows never reach before u again.
        s.update(3, RISING[2]);
        assertEquals(3, s.saveState().get("history").get(0).get("epoch").intValue());
    }

    @Test
    void aStateOnlyContinuesUnderTheReadingItWasMadeWith() throws Exception {
        ClassBoostScheduling literal = cbs(ONE);
        literal.update(1, RISING[0]);
        JsonNode literalState = literal.saveState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cbs(NONE).restoreState(literalState));
        assertTrue(e.getMessage().contains("initial score 1.0") && e.getMessage().contains("none"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cbs(0.5).restoreState(literalState));

        // A state written before the option existed has no "initialScore": it was made without an epoch 0.
        ClassBoostScheduling none = cbs(NONE);
        for (int j = 1; j <= 4; j++) none.update(j, PEAKED[j - 1]);
        ObjectNode old = (ObjectNode) JSON.readTree(JSON.writeValueAsString(none.saveState()));
        assertTrue(old.has("initialScore") && old.get("initialScore").isNull(), old.toString());
        old.remove("initialScore");
        ClassBoostScheduling resumed = cbs(NONE);
        resumed.restoreState(old);
        assertNull(resumed.initialScore());
        assertArrayEquals(w(0.1, 1 / 0.551, 1 / 0.721), resumed.update(5, PEAKED[4]), TIGHT);
        assertThrows(IllegalArgumentException.class, () -> cbs(ONE).restoreState(old));
    }

    @Test
    void settingsReachEveryPlateauRuleAndTcfIgnoresThem() {
        ScheduleSettings one = ScheduleSettings.defaults().withDelta(DELTA).withEpsilon(EPS).withInitialScore(ONE);
        trajectory(Schedules.create("cbs", 3, one), RISING, RISING_CBS_ONE);
        trajectory(Schedules.create("pcf", 3, one), PEAKED, rows(6, ONES, 3, w(0.1, 1, 1)));
        // cbs-cumulative: the first boost multiplies 1, so it equals CBS's at epoch 3
        trajectory(Schedules.create("cbs-cumulative", 3, one), PEAKED, rows(6, ONES, 3, w(0.1, 2, 1 / 0.651)));
        // TCF reads only the current epoch: no history, so no epoch 0 to add.
        ClassWeightSchedule tcfNone = Schedules.create("tcf", 3, one.withInitialScore(NONE).withTau(0.85));
        ClassWeightSchedule tcfOne = Schedules.create("tcf", 3, one.withTau(0.85));
        for (int j = 1; j <= RISING.length; j++) assertArrayEquals(tcfNone.update(j, RISING[j - 1]), tcfOne.update(j, RISING[j - 1]), 0);
        assertEquals(tcfNone.saveState(), tcfOne.saveState());
    }

    @Test
    void smoothingAveragesMeasuredScoresOnlyAndTheRuleKeepsItsEpochZero() {
        // ema 0.5 on RISING: A .60, .65, .70; B .20, .25, .30; C .40, .45, .525.
        // At epoch 3 A (.70) is tested: [1, 3] max .70 vs [0, 3] max 1: trigger; B min(1/.301, 2) = 2, C 1/.526.
        // (Averaging S_0 = 1 in would give C .70, .60, .60 and C the weight 1/.601.)
        EmaSmoothedSchedule s = new EmaSmoothedSchedule(cbs(ONE), 0.5);
        assertArrayEquals(ONES, s.update(1, RISING[0]), TIGHT);
        assertArrayEquals(RISING[0], s.averages(), TIGHT);
        assertArrayEquals(ONES, s.update(2, RISING[1]), TIGHT);
        assertArrayEquals(w(0.1, 2, 1 / 0.526), s.update(3, RISING[2]), TIGHT);
        // and without the epoch 0 nothing fires in those three epochs
        EmaSmoothedSchedule none = new EmaSmoothedSchedule(cbs(NONE), 0.5);
        for (int j = 1; j <= 3; j++) assertArrayEquals(ONES, none.update(j, RISING[j - 1]), TIGHT);
    }

    @Test
    void initialScoreIsParsedAndChecked() {
        assertNull(ScheduleSettings.parseInitialScore("none"));
        assertNull(ScheduleSettings.parseInitialScore(" NONE "));
        assertEquals(1.0, ScheduleSettings.parseInitialScore("1"));
        assertEquals(0.0, ScheduleSettings.parseInitialScore("0"));
        assertEquals(0.25, ScheduleSettings.parseInitialScore("0.25"));
        for (String bad : new String[] {"1.5", "-0.1", "nan", "yes", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> ScheduleSettings.parseInitialScore(bad), bad);
        }
        assertEquals("none", ScheduleSettings.formatInitialScore(null));
        assertEquals("1.0", ScheduleSettings.formatInitialScore(1.0));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSettings.defaults().withInitialScore(2.0));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSettings.defaults().withInitialScore(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> pcf(1.5));
        // the default is one constant, and the settings without a choice use it
        assertEquals(ScheduleSettings.parseInitialScore(ScheduleSettings.DEFAULT_INITIAL_SCORE), ScheduleSettings.defaults().initialScore());
        assertEquals(ScheduleSettings.defaults(), new ScheduleSettings(ScheduleSettings.DEFAULT_TAU, ScheduleSettings.DEFAULT_DELTA,
                ScheduleSettings.DEFAULT_EPSILON, ScheduleSettings.DEFAULT_ZETA, ScheduleSettings.DEFAULT_LOW, ScheduleSettings.DEFAULT_CAP,
                ScheduleSettings.NO_SMOOTHING, null));
        assertTrue(!ScheduleSettings.defaults().withInitialScore(ONE).equals(ScheduleSettings.defaults().withInitialScore(NONE)));
    }
}

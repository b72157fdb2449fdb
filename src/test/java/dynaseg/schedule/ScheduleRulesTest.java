package dynaseg.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed trajectories of every rule. Scores are multiples of 1/8 so that every C is exact
 * in binary and the boundary C = epsilon is really hit.
 */
class ScheduleRulesTest {
    private static final double NAN = Double.NaN;
    private static final double EXACT = 0;
    private static final double TIGHT = 1e-12;

    /** Feeds epochs 1..n and checks the weights returned after each. */
    private static void trajectory(ClassWeightSchedule s, double[][] scores, double[][] expected) {
        for (int j = 1; j <= scores.length; j++) {
            double[] w = s.update(j, scores[j - 1]);
            assertArrayEquals(expected[j - 1], w, TIGHT, s.name() + " after epoch " + j);
        }
    }

    @Test
    void noneKeepsOne() {
        ClassWeightSchedule s = new ConstantWeights(3);
        trajectory(s, new double[][] {{0.95, 0.1, NAN}, {1, 1, 1}},
                new double[][] {{1, 1, 1}, {1, 1, 1}});
        assertArrayEquals(new float[] {1, 1, 1, 1}, s.channelWeights(), 0f);
    }

    @Test
    void prevalenceIsInverseShareWithMeanOne() {
        // 1/f = 2, 4, 4; mean 10/3 -> 0.6, 1.2, 1.2
        ClassWeightSchedule s = new PrevalenceWeights(new double[] {0.5, 0.25, 0.25});
        assertArrayEquals(new double[] {0.6, 1.2, 1.2}, s.weights(), TIGHT);
        assertArrayEquals(new double[] {0.6, 1.2, 1.2}, s.update(1, new double[] {0.1, 0.9, NAN}), TIGHT);
        // counts instead of shares give the same weights
        assertArrayEquals(new double[] {0.6, 1.2, 1.2}, new PrevalenceWeights(new double[] {200, 100, 100}).weights(), TIGHT);
        assertThrows(IllegalArgumentException.class, () -> new PrevalenceWeights(new double[] {0.5, 0}));
    }

    @Test
    void tcfFreezesAboveTauStrictlyAndThawsAgain() {
        ClassWeightSchedule s = new ThresholdClassFreezing(3, 0.9, 0.1);
        trajectory(s,
                new double[][] {{0.95, 0.9, NAN}, {0.85, 0.91, 0.2}, {1.0, 1.0, 1.0}},
                new double[][] {{0.1, 1, 1}, {1, 0.1, 1}, {0.1, 0.1, 0.1}});
    }

    @Test
    void pcfTriggerBoundaryAndFreezeForGood() {
        PlateauClassFreezing s = new PlateauClassFreezing(2, 2, 0.125, 0.1);
        double[][] scores = {
            {0.5, 0.25},     // 1: A chosen, one window, C = 0
            {0.75, 0.25},    // 2: windows [1,2] both
            {0.625, 0.25},   // 3: [1,3] both
            {0.625, 0.25},   // 4: max[2,4] = .75 = max[1,4]
            {0.5, 0.25},     // 5: max[3,5] = .625, max[1,5] = .75: C = .125 = eps, no trigger
            {0.5, 0.25},     // 6: max[4,6] = .625: C = .125 again
            {0.5, 0.375},    // 7: max[5,7] = .5: C = .25 > eps: A frozen, u = 7
            {0.875, 0.5},    // 8: A frozen though best; B: windows start at u = 7
            {0.875, 0.25},   // 9: max(9-2, 7) = 7: same windows
            {0.875, 0.25},   // 10: max[8,10] = .5 = max[7,10]
            {0.875, 0.25},   // 11: max[9,11] = .25, max[7,11] = .5: B frozen
            {0.875, 0.0},    // 12: every class frozen: nothing changes
        };
        double[][] expected = new double[12][];
        for (int j = 0; j < 12; j++) expected[j] = j < 6 ? new double[] {1, 1} : j < 10 ? new double[] {0.1, 1} : new double[] {0.1, 0.1};
        trajectory(s, scores, expected);
        assertEquals(11, s.lastTrigger());
        assertArrayEquals(new boolean[] {true, true}, s.frozen());
    }

    @Test
    void pcfNeedsTheMaximumOutsideTheRecentWindow() {
        // A slow steady decline inside the window never triggers: the window always holds the maximum.
        PlateauClassFreezing s = new PlateauClassFreezing(1, 5, 0.01, 0.1);
        for (int j = 1; j <= 5; j++) assertArrayEquals(new double[] {1}, s.update(j, new double[] {0.9 - 0.1 * j}), EXACT);
        // epoch 6: window [1,6] still contains epoch 1 (j - delta = 1)
        assertArrayEquals(new double[] {1}, s.update(6, new double[] {0.1}), EXACT);
        // epoch 7: window [2,7], max .7 < .8 = max[1,7]
        assertArrayEquals(new double[] {0.1}, s.update(7, new double[] {0.1}), EXACT);
    }

    @Test
    void decimalScoresAtEpsilonDoNotTriggerThroughRounding() {
        PlateauClassFreezing s = new PlateauClassFreezing(1, 1, 0.01, 0.1);
        s.update(1, new double[] {0.80});
        s.update(2, new double[] {0.79});
        // max[2,3] = .79, max[1,3] = .80: C = 0.01 in decimal (0.010000000000000009 in binary)
        assertArrayEquals(new double[] {1}, s.update(3, new double[] {0.79}), EXACT);
        s.update(4, new double[] {0.78});
        // max[4,5] = .78: C = .02
        assertArrayEquals(new double[] {0.1}, s.update(5, new double[] {0.78}), EXACT);
    }

    @Test
    void pcfNeverChoosesNanAndSkipsNanInWindows() {
        PlateauClassFreezing s = new PlateauClassFreezing(2, 1, 0.1, 0.1);
        trajectory(s,
                new double[][] {
                    {0.25, 0.5},   // B chosen, C = 0
                    {0.25, NAN},   // B absent: A chosen, its windows are equal
                    {0.25, 0.375}, // B: max[2,3] skips the NaN = .375, max[1,3] = .5: C = .125 > .1
                },
                new double[][] {{1, 1}, {1, 1}, {1, 0.1}});
        PlateauClassFreezing allNan = new PlateauClassFreezing(2, 0, 0, 0.1);
        assertArrayEquals(new double[] {1, 1}, allNan.update(1, new double[] {NAN, NAN}), EXACT);
        assertEquals(0, allNan.lastTrigger());
    }

    @Test
    void epochZeroNeverEntersAWindow() {
        // delta = 3 at epoch 2: the window would reach back to epoch -1; with an "S_0 = 1" it would trigger.
        PlateauClassFreezing s = new PlateauClassFreezing(1, 3, 0.01, 0.1);
        s.update(1, new double[] {0.5});
        assertArrayEquals(new double[] {1}, s.update(2, new double[] {0.25}), EXACT);
        assertArrayEquals(new double[] {1}, s.update(3, new double[] {0.25}), EXACT);
    }

    @Test
    void cbsBoostsOnTriggerOnlyAndKeepsWeightsOtherwise() {
        ClassBoostScheduling s = new ClassBoostScheduling(3, 1, 0.125, 0.25, 0.1, 2);
        trajectory(s,
                new double[][] {
                    {0.75, 0.375, 0.0},  // 1
                    {0.5, 0.5, NAN},     // 2: tie A/B -> A; one window
                    {0.5, 0.375, NAN},   // 3: A: max[2,3] = .5 vs .75 -> trigger; B = 1/(.375+.25) = 1.6; C NaN keeps 1
                    {0.875, 0.25, 0.0},  // 4: B chosen; windows start at u = 3: no trigger, weights kept
                    {0.875, 0.125, 0.0}, // 5: B: max[4,5] = .25 vs max[3,5] = .375: C = .125 = eps, no trigger
                    {0.875, 0.125, 0.0}, // 6: B: max[5,6] = .125: trigger; C: S = 0 -> 1/.25 = 4 -> cap 2
                    {0.875, 0.875, 0.5}, // 7
                    {0.875, 0.875, 0.25},// 8: C: max[7,8] = .5 = max[6,8]
                    {0.875, 0.875, 0.25},// 9: C: max[8,9] = .25: trigger; all frozen
                    {0.0, 0.0, 0.0},     // 10: nothing left to choose
                },
                new double[][] {
                    {1, 1, 1}, {1, 1, 1}, {0.1, 1.6, 1}, {0.1, 1.6, 1}, {0.1, 1.6, 1},
                    {0.1, 0.1, 2}, {0.1, 0.1, 2}, {0.1, 0.1, 2}, {0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}
                });
    }

    @Test
    void cbsZeroScoreWithDefaultZetaGoesToTheCap() {
        ClassBoostScheduling s = new ClassBoostScheduling(2, 0, 0.01, 0.001, 0.1, 2);
        s.update(1, new double[] {0.5, 0.0});
        // delta = 0: window [2,2] max .25 vs max[1,2] = .5 -> trigger A; B: 1/0.001 = 1000 -> 2
        assertArrayEquals(new double[] {0.1, 2}, s.update(2, new double[] {0.25, 0.0}), EXACT);
        assertEquals(2.0, ClassBoostScheduling.boost(0, 0, 2), EXACT);
        assertEquals(1 / 1.001, ClassBoostScheduling.boost(1, 0.001, 2), TIGHT);
    }

    private static final double[][] BOOST_TWICE = {
        {0.75, 0.5, 0.25}, // 1
        {0.5, 0.5, 0.25},  // 2: tie -> A, one window
        {0.5, 0.5, 0.25},  // 3: A triggers: B 1/.75, C 1/.5 = 2
        {0.5, 0.5, 0.25},  // 4: B chosen, windows from u = 3
        {0.5, 0.25, 0.25}, // 5: B (tie with C, lower index): max[4,5] = .5 = max[3,5]
        {0.5, 0.25, 0.25}, // 6: B: max[5,6] = .25: trigger; C boosted by 1/.5 = 2 again
    };

    @Test
    void cumulativeMultipliesBoostsAndClamps() {
        trajectory(new CumulativeClassBoost(3, 1, 0.125, 0.25, 0.1, 5), BOOST_TWICE, new double[][] {
            {1, 1, 1}, {1, 1, 1}, {0.1, 4.0 / 3, 2}, {0.1, 4.0 / 3, 2}, {0.1, 4.0 / 3, 2}, {0.1, 0.1, 4}});
        // the same history through CBS: the second boost replaces the first
        trajectory(new ClassBoostScheduling(3, 1, 0.125, 0.25, 0.1, 5), BOOST_TWICE, new double[][] {
            {1, 1, 1}, {1, 1, 1}, {0.1, 4.0 / 3, 2}, {0.1, 4.0 / 3, 2}, {0.1, 4.0 / 3, 2}, {0.1, 0.1, 2}});
        // clamped at cap = 3
        CumulativeClassBoost capped = new CumulativeClassBoost(3, 1, 0.125, 0.25, 0.1, 3);
        double[] last = null;
        for (int j = 1; j <= BOOST_TWICE.length; j++) last = capped.update(j, BOOST_TWICE[j - 1]);
        assertArrayEquals(new double[] {0.1, 0.1, 3}, last, TIGHT);
    }

    @Test
    void inputsAreChecked() {
        ClassWeightSchedule s = new PlateauClassFreezing(2, 5, 0.01, 0.1);
        assertThrows(IllegalArgumentException.class, () -> s.update(1, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> s.update(1, new double[] {0.5, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> s.update(0, new double[] {0.5, 0.5}));
        s.update(2, new double[] {0.5, 0.5});
        assertThrows(IllegalArgumentException.class, () -> s.update(2, new double[] {0.5, 0.5}));
        // a gap in the epochs is allowed (validation every other epoch)
        s.update(4, new double[] {0.5, 0.5});
        assertEquals(4, s.lastEpoch());
    }

    @Test
    void factoryKnowsEveryName() {
        ScheduleSettings d = ScheduleSettings.defaults().withPrevalence(new double[] {1, 1});
        for (String name : Schedules.NAMES) {
            ClassWeightSchedule s = Schedules.create(name, 2, d);
            assertEquals(name, s.name());
            assertArrayEquals(new double[] {1, 1}, s.weights(), EXACT);
        }
        assertEquals("pcf+ema", Schedules.create("PCF", 2, d.withEmaAlpha(0.5)).name());
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("boost", 2, d));
        assertThrows(IllegalArgumentException.class, () -> Schedules.create("prevalence", 3, d));
        assertThrows(IllegalArgumentException.class, () -> d.withEmaAlpha(0));
        assertThrows(IllegalArgumentException.class, () -> d.withCap(0.05));
        assertFalse(d.smoothed());
        assertTrue(d.withEmaAlpha(0.3).smoothed());
    }
}

package dynaseg.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmaSmoothedScheduleTest {
    private static final double NAN = Double.NaN;

    /** Records what a rule is given. */
    private static final class Recorder extends AbstractSchedule {
        final List<double[]> seen = new ArrayList<>();

        Recorder(int n) { super(n, ConstantWeights.ones(n)); }

        @Override
        protected void advance(int epoch, double[] scores) { seen.add(scores); }

        @Override
        public String name() { return "recorder"; }
    }

    @Test
    void ruleSeesTheMovingAverage() {
        Recorder rule = new Recorder(2);
        EmaSmoothedSchedule s = new EmaSmoothedSchedule(rule, 0.25);
        s.update(1, new double[] {1.0, NAN});   // m = (1, NaN): first number taken as is
        s.update(2, new double[] {0.0, 0.5});   // m = (.75, .5)
        s.update(3, new double[] {0.5, NAN});   // m = (.25*.5 + .75*.75, .5) = (.6875, .5), rule sees NaN for B
        assertArrayEquals(new double[] {1.0, NAN}, rule.seen.get(0), 0);
        assertArrayEquals(new double[] {0.75, 0.5}, rule.seen.get(1), 0);
        assertArrayEquals(new double[] {0.6875, NAN}, rule.seen.get(2), 0);
        assertArrayEquals(new double[] {0.6875, 0.5}, s.averages(), 0);
        assertEquals("recorder+ema", s.name());
    }

    @Test
    void smoothingDelaysATcfFreeze() {
        ClassWeightSchedule raw = new ThresholdClassFreezing(1, 0.9, 0.1);
        ClassWeightSchedule smooth = new EmaSmoothedSchedule(new ThresholdClassFreezing(1, 0.9, 0.1), 0.5);
        double[][] h = {{0.5}, {1.0}, {1.0}};
        // raw: .5, 1, 1 -> 1, .1, .1; smoothed: .5, .75, .875 -> never above .9 yet
        double[][] rawW = {{1}, {0.1}, {0.1}};
        double[][] smoothW = {{1}, {1}, {1}};
        for (int j = 1; j <= 3; j++) {
            assertArrayEquals(rawW[j - 1], raw.update(j, h[j - 1]), 0);
            assertArrayEquals(smoothW[j - 1], smooth.update(j, h[j - 1]), 0);
        }
        // .9375 > .9
        assertArrayEquals(new double[] {0.1}, smooth.update(4, new double[] {1.0}), 0);
    }

    @Test
    void alphaOneIsTheRuleItself() {
        double[][] h = ScheduleStateTest.history(3);
        ClassWeightSchedule a = new ClassBoostScheduling(4, 4, 0.02, 0.001, 0.1, 2);
        ClassWeightSchedule b = new EmaSmoothedSchedule(new ClassBoostScheduling(4, 4, 0.02, 0.001, 0.1, 2), 1.0);
        for (int j = 1; j <= h.length; j++) assertArrayEquals(a.update(j, h[j - 1]), b.update(j, h[j - 1]), 0);
    }
}

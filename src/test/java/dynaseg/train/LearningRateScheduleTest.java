package dynaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import dynaseg.run.RunConfig;

class LearningRateScheduleTest {
    @Test
    void warmUpIsLinearThenCosineReachesZero() {
        // 2 warm-up iterations of 10
        LearningRateSchedule s = new LearningRateSchedule(1.0, 2, 10, LearningRateSchedule.Kind.COSINE);
        assertEquals(0.5, s.at(0), 1e-12);
        assertEquals(1.0, s.at(1), 1e-12);
        assertEquals(1.0, s.at(2), 1e-12); // t = 0
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 4 / 8)), s.at(6), 1e-12); // = 0.5
        assertEquals(0.5, s.at(6), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 7 / 8)), s.at(9), 1e-12);
        assertEquals(0.0, s.at(10), 1e-12);
        assertEquals(0.0, s.at(50), 1e-12);
    }

    @Test
    void polyDecaysWithExponentPointNine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-2, 0, 100, LearningRateSchedule.Kind.POLY);
        assertEquals(1e-2, s.at(0), 1e-15);
        assertEquals(1e-2 * Math.pow(0.5, 0.9), s.at(50), 1e-15); // 0.005359
        assertEquals(0.0053588673, s.at(50), 1e-9);
        assertEquals(1e-2 * Math.pow(0.01, 0.9), s.at(99), 1e-15);
    }

    @Test
    void configGivesEpochsTimesIterations() {
        RunConfig c = new RunConfig();
        c.setEpochs(10);
        c.setIterationsPerEpoch(5);
        c.setWarmupEpochs(2);
        c.setLr(3e-4);
        c.setLrSchedule("poly");
        LearningRateSchedule s = LearningRateSchedule.of(c);
        assertEquals(10, s.warmupIterations());
        assertEquals(50, s.totalIterations());
        assertEquals(LearningRateSchedule.Kind.POLY, s.kind());
        assertEquals(3e-4 / 10, s.at(0), 1e-15);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 0, 10, LearningRateSchedule.Kind.COSINE));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 10, 10, LearningRateSchedule.Kind.COSINE));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 10, LearningRateSchedule.Kind.COSINE).at(-1));
    }
}

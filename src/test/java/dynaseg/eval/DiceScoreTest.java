package dynaseg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiceScoreTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    @Test
    void handComputedCase() {
        byte[] truth = b(0, 0, 1, 1, 1, 2, 2, 0, 0, 0);
        byte[] pred = b(0, 1, 1, 1, 0, 2, 0, 0, 3, 0);
        double[] d = DiceScore.perClass(pred, truth, 4);
        // class 0: truth {0,1,7,8,9}, pred {0,4,6,7,9}: overlap {0,7,9} = 3 -> 6/10
        assertEquals(0.6, d[0], 1e-12);
        // class 1: truth {2,3,4}, pred {1,2,3}: overlap 2 -> 4/6
        assertEquals(4.0 / 6, d[1], 1e-12);
        // class 2: truth {5,6}, pred {5}: overlap 1 -> 2/3
        assertEquals(2.0 / 3, d[2], 1e-12);
        // class 3: absent from truth (a false positive only) -> NaN
        assertTrue(Double.isNaN(d[3]));
        assertArrayEquals(new long[] {2, 1, 1}, DiceScore.counts(pred, truth, 4)[1]);
    }

    @Test
    void perfectAndMissedClasses() {
        assertArrayEquals(new double[] {1, 1}, DiceScore.perClass(b(0, 1, 1), b(0, 1, 1), 2));
        double[] missed = DiceScore.perClass(b(0, 0, 0), b(0, 1, 1), 2);
        assertEquals(0.0, missed[1]);
        assertEquals(0.5, missed[0], 1e-12); // 2*1 / (3 + 1)
        assertTrue(Double.isNaN(DiceScore.perClass(b(0, 0), b(0, 0), 2)[1]), "absent from both");
        assertTrue(Double.isNaN(DiceScore.dice(0, 0, 0)));
        assertEquals(0.0, DiceScore.dice(0, 5, 0));
    }

    @Test
    void meanOverCasesSkipsCasesWithoutTheClass() {
        List<double[]> cases = List.of(
                new double[] {0.9, 0.5, Double.NaN},
                new double[] {0.7, Double.NaN, Double.NaN},
                new double[] {0.8, 0.1, Double.NaN});
        double[] mean = DiceScore.meanOverCases(cases);
        assertEquals(0.8, mean[0], 1e-12);
        assertEquals(0.3, mean[1], 1e-12);
        assertTrue(Double.isNaN(mean[2]), "never present");
        assertArrayEquals(new double[] {0.3, Double.NaN}, DiceScore.foreground(mean));
    }

    @Test
    void labelsBeyondTheClassCountAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> DiceScore.perClass(b(0, 5), b(0, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> DiceScore.perClass(b(0), b(0, 1), 2));
    }

    @Test
    void unsignedLabelsAbove127() {
        double[] d = DiceScore.perClass(b(200, 200, 0), b(200, 0, 0), 201);
        assertEquals(2.0 / 3, d[200], 1e-12);
    }
}

package dynaseg.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShapesTest {
    @Test
    void ellipsoidLevelIsTheNormalizedRadius() {
        Shape e = Superquadric.ellipsoid(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.25, 0.2}, new double[] {0, 0, 0});
        assertEquals(0, e.level(0.1, 0.2, 0.3), 1e-12);
        assertEquals(1, e.level(0.6, 0.2, 0.3), 1e-12);
        assertEquals(1, e.level(0.1, -0.05, 0.3), 1e-12);
        assertEquals(0.5, e.level(0.1, 0.2, 0.4), 1e-12);
    }

    @Test
    void rotationAboutWTurnsTheLongAxis() {
        // long axis along u, turned 90 degrees about w: now along v
        Shape e = Superquadric.ellipsoid(new double[] {0, 0, 0}, new double[] {0.5, 0.1, 0.1}, new double[] {Math.PI / 2, 0, 0});
        assertEquals(1, e.level(0, 0.5, 0), 1e-9);
        assertEquals(1, e.level(0.1, 0, 0), 1e-9);
    }

    @Test
    void tubeLevelIsDistanceOverInterpolatedRadius() {
        Tube t = new Tube(new double[][] {{0, 0, -1}, {0, 0, 1}}, new double[] {0.1, 0.3});
        assertEquals(0.5, t.level(0.1, 0, 0), 1e-12);          // radius 0.2 at w = 0
        assertEquals(1.0, t.level(0, 0.1, -1), 1e-12);         // at the first node
        assertEquals(0.5 / 0.3, t.level(0, 0, 1.5), 1e-12);    // beyond the end: distance to the end node
    }

    @Test
    void boundsContainEveryInsidePoint() {
        SplittableRandom rng = new SplittableRandom(9);
        Shape[] shapes = {
            new Superquadric(new double[] {0.2, -0.1, 0}, new double[] {0.3, 0.1, 0.2}, new double[] {0.7, -0.4, 1.1}, 4),
            Tube.smooth(new double[][] {{-0.5, 0, 0}, {0, 0.4, 0.2}, {0.5, 0, -0.3}}, new double[] {0.05, 0.1, 0.07}, 5),
            new Lobulated(Superquadric.ellipsoid(new double[] {0, 0, 0}, new double[] {0.3, 0.2, 0.1}, new double[] {0.3, 0.2, 0.1}), 0.3, 15, rng),
        };
        for (Shape s : shapes) {
            Bounds b = s.bounds();
            int inside = 0;
            for (int k = 0; k < 200_000; k++) {
                double u = 2 * rng.nextDouble() - 1, v = 2 * rng.nextDouble() - 1, w = 2 * rng.nextDouble() - 1;
                if (s.level(u, v, w) < 1) {
                    inside++;
                    assertTrue(u >= b.u0() && u <= b.u1() && v >= b.v0() && v <= b.v1() && w >= b.w0() && w <= b.w1());
                }
            }
            assertTrue(inside > 100, "shape too small for the check");
        }
    }

    @Test
    void displacementStaysWithinItsBound() {
        DisplacementField f = new DisplacementField(0.05, 2.5, new SplittableRandom(4));
        SplittableRandom rng = new SplittableRandom(5);
        double[] out = new double[3];
        double largest = 0;
        for (int k = 0; k < 10_000; k++) {
            double u = 2 * rng.nextDouble() - 1, v = 2 * rng.nextDouble() - 1, w = 2 * rng.nextDouble() - 1;
            f.apply(u, v, w, out);
            largest = Math.max(largest, Math.max(Math.abs(out[0] - u), Math.max(Math.abs(out[1] - v), Math.abs(out[2] - w))));
        }
        assertTrue(largest <= f.maxDisplacement() + 1e-12);
        assertTrue(largest > 0.01, "field should move points: " + largest);
    }
}

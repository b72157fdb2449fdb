package dynaseg.phantom;

/**
 * A tube of varying radius around a polyline: vessels, oesophagus, stomach, pancreas, bowel loops.
 * The level is the distance to the nearest segment divided by the radius interpolated there.
 */
public final class Tube implements Shape {
    private final double[][] points; // (u, v, w) per node
    private final double[] radii;
    private final Bounds bounds;

    public Tube(double[][] points, double[] radii) {
        if (points.length < 2 || points.length != radii.length) {
            throw new IllegalArgumentException("a tube needs at least two nodes, each with a radius");
        }
        this.points = new double[points.length][];
        for (int i = 0; i < points.length; i++) this.points[i] = points[i].clone();
        this.radii = radii.clone();
        Bounds b = null;
        for (int i = 0; i < points.length; i++) {
            Bounds node = Bounds.around(points[i][0], points[i][1], points[i][2], radii[i], radii[i], radii[i]);
            b = b == null ? node : b.union(node);
        }
        this.bounds = b;
    }

    /** A smooth tube through control points: Catmull-Rom interpolation with {@code perSpan} nodes between each pair. */
    public static Tube smooth(double[][] control, double[] controlRadii, int perSpan) {
        int n = control.length;
        int count = (n - 1) * perSpan + 1;
        double[][] pts = new double[count][3];
        double[] r = new double[count];
        for (int s = 0; s < n - 1; s++) {
            double[] p0 = control[Math.max(s - 1, 0)], p1 = control[s], p2 = control[s + 1], p3 = control[Math.min(s + 2, n - 1)];
            for (int k = 0; k < perSpan; k++) {
                double t = (double) k / perSpan;
                int idx = s * perSpan + k;
                for (int d = 0; d < 3; d++) pts[idx][d] = catmullRom(p0[d], p1[d], p2[d], p3[d], t);
                r[idx] = controlRadii[s] + t * (controlRadii[s + 1] - controlRadii[s]);
            }
        }
        pts[count - 1] = control[n - 1].clone();
        r[count - 1] = controlRadii[n - 1];
        return new Tube(pts, r);
    }

    private static double catmullRom(double p0, double p1, double p2, double p3, double t) {
        double t2 = t * t, t3 = t2 * t;
        return 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
    }

    @Override
    public double level(double u, double v, double w) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < points.length; i++) {
            double[] a = points[i], b = points[i + 1];
            double eu = b[0] - a[0], ev = b[1] - a[1], ew = b[2] - a[2];
            double len2 = eu * eu + ev * ev + ew * ew;
            double t = len2 == 0 ? 0 : ((u - a[0]) * eu + (v - a[1]) * ev + (w - a[2]) * ew) / len2;
            t = Math.max(0, Math.min(1, t));
            double du = u - a[0] - t * eu, dv = v - a[1] - t * ev, dw = w - a[2] - t * ew;
            double r = radii[i] + t * (radii[i + 1] - radii[i]);
            double l = Math.sqrt(du * du + dv * dv + dw * dw) / r;
            if (l < best) best = l;
        }
        return best;
    }

    @Override
    public Bounds bounds() { return bounds; }
}

package dynaseg.phantom;

import java.util.List;

/** The union of shapes (lowest level wins): a liver from two lobes, a kidney with its hilum. */
public final class ShapeUnion implements Shape {
    private final List<Shape> parts;
    private final Bounds bounds;

    public ShapeUnion(List<Shape> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("empty union");
        this.parts = List.copyOf(parts);
        Bounds b = parts.get(0).bounds();
        for (Shape s : parts) b = b.union(s.bounds());
        this.bounds = b;
    }

    @Override
    public double level(double u, double v, double w) {
        double best = Double.POSITIVE_INFINITY;
        for (Shape s : parts) best = Math.min(best, s.level(u, v, w));
        return best;
    }

    @Override
    public Bounds bounds() { return bounds; }
}

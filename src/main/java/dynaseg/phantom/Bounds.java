package dynaseg.phantom;

/** An axis-aligned box in normalized phantom coordinates (u, v, w), used to limit where a shape is evaluated. */
public record Bounds(double u0, double u1, double v0, double v1, double w0, double w1) {

    public static Bounds around(double cu, double cv, double cw, double hu, double hv, double hw) {
        return new Bounds(cu - hu, cu + hu, cv - hv, cv + hv, cw - hw, cw + hw);
    }

    public Bounds union(Bounds o) {
        return new Bounds(Math.min(u0, o.u0), Math.max(u1, o.u1), Math.min(v0, o.v0), Math.max(v1, o.v1),
                Math.min(w0, o.w0), Math.max(w1, o.w1));
    }

    public Bounds expand(double margin) {
        return new Bounds(u0 - margin, u1 + margin, v0 - margin, v1 + margin, w0 - margin, w1 + margin);
    }
}

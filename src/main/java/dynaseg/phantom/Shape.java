package dynaseg.phantom;

/**
 * A solid in normalized phantom coordinates: u towards the patient's right, v anterior, w superior
 * (the RAS+ axes), each spanning [-1, 1] over the image box.
 *
 * <p>{@link #level} is an implicit function: below 1 inside, 1 on the surface, 0 at the core. Tissue
 * models use it as a depth (cortex near 1, medulla near 0) as well as for the inside test.
 */
public interface Shape {
    double level(double u, double v, double w);

    /** A box that contains every point with level below 1. */
    Bounds bounds();
}

package dynaseg.phantom;

import java.util.random.RandomGenerator;

/**
 * Everything in the phantom that carries no label: air around the body, subcutaneous fat, the
 * muscle wall with ribs, the spine with discs and canal, psoas and paraspinal muscles, lung bases
 * and the fat of the abdominal cavity. It also decides where organs may lie (the cavity).
 *
 * <p>Coordinates are the normalized (u, v, w) of {@link Shape}; all sizes are per case.
 */
public final class BodyModel {
    private final double centerV;
    private final double semiU, semiV;
    private final double fatEnd, muscleEnd; // radial levels: cavity below muscleEnd, wall up to fatEnd, fat up to 1
    private final double spineV, spineR, canalV, canalR;
    private final double discPeriod, discPhase;
    private final double ribPeriod, ribPhase, ribTop;
    private final double psoasU, psoasV;
    private final double scale;
    private final HounsfieldModel hu;

    public BodyModel(double scale, RandomGenerator rng, HounsfieldModel hu) {
        this.scale = scale;
        this.hu = hu;
        this.centerV = -0.02 + 0.03 * (rng.nextDouble() - 0.5);
        this.semiU = Math.min(0.97, 0.92 * scale);
        this.semiV = Math.min(0.9, 0.74 * scale * (0.95 + 0.1 * rng.nextDouble()));
        double fat = 0.04 + 0.08 * rng.nextDouble();
        this.fatEnd = 1 - fat;
        this.muscleEnd = fatEnd - 0.06;
        this.spineV = -0.40 * scale;
        this.spineR = 0.11 * scale;
        this.canalV = spineV - spineR - 0.05 * scale;
        this.canalR = 0.045 * scale;
        this.discPeriod = 0.36 * scale;
        this.discPhase = rng.nextDouble() * discPeriod;
        this.ribPeriod = 0.22 * scale;
        this.ribPhase = rng.nextDouble() * ribPeriod;
        this.ribTop = -0.35 + 0.2 * rng.nextDouble();
        this.psoasU = 0.16 * scale;
        this.psoasV = spineV + 0.02 * scale;
    }

    private double radial(double u, double v, double w) {
        double a = semiU * (1 + 0.03 * w), b = semiV * (1 + 0.02 * w);
        double x = u / a, y = (v - centerV) / b;
        return Math.sqrt(x * x + y * y);
    }

    /** True where an organ may lie: inside the muscle wall and outside spine and back muscles. */
    public boolean inCavity(double u, double v, double w) {
        return radial(u, v, w) < muscleEnd && !inSpine(u, v) && !inPsoas(u, v, w) && !inParaspinal(u, v);
    }

    /** Hounsfield units of the unlabelled tissue at a point. */
    public double tissueHu(double u, double v, double w) {
        double r = radial(u, v, w);
        if (r >= 1) return HounsfieldModel.AIR;
        double du = u, dv = v - spineV;
        double spineDist = Math.sqrt(du * du + dv * dv);
        if (spineDist < spineR) {
            double phase = ((w - discPhase) % discPeriod + discPeriod) % discPeriod;
            if (phase < 0.12 * discPeriod) return hu.disc();
            return spineDist > 0.8 * spineR ? hu.corticalBone() : hu.cancellousBone();
        }
        double cu = u, cv = v - canalV;
        if (cu * cu + cv * cv < canalR * canalR) return hu.csf();
        if (Math.abs(u) < 0.03 * scale && v < canalV - canalR && v > canalV - 0.2 * scale) return hu.corticalBone();
        if (Math.abs(u) < 0.12 * scale && Math.abs(v - canalV) < 0.035 * scale) return hu.cancellousBone(); // laminae
        if (r >= fatEnd) return hu.fat();
        if (r >= muscleEnd) return isRib(u, v, w, r) ? hu.corticalBone() : hu.muscle();
        if (inPsoas(u, v, w) || inParaspinal(u, v)) return hu.muscle();
        if (w > 0.78 && v < centerV + 0.1) return hu.lung();
        return hu.cavityFat();
    }

    private boolean isRib(double u, double v, double w, double r) {
        if (w < ribTop) return false;
        if (v > centerV + 0.3 && Math.abs(u) < 0.35) return false; // costal cartilage gap in front
        double slanted = w - 0.15 * (v - centerV); // ribs run down towards the front
        double phase = ((slanted - ribPhase) % ribPeriod + ribPeriod) % ribPeriod;
        double mid = 0.5 * (fatEnd + muscleEnd);
        return phase < 0.28 * ribPeriod && Math.abs(r - mid) < 0.022;
    }

    private boolean inSpine(double u, double v) {
        double dv = v - spineV;
        return u * u + dv * dv < (spineR + 0.01) * (spineR + 0.01) || v < spineV - spineR;
    }

    private boolean inPsoas(double u, double v, double w) {
        // psoas grows towards the pelvis
        double semi = scale * (0.03 + 0.05 * (1 - w) / 2);
        double du = Math.abs(u) - psoasU, dv = v - psoasV;
        return du * du / (semi * semi) + dv * dv / (1.3 * semi * 1.3 * semi) < 1;
    }

    private boolean inParaspinal(double u, double v) {
        double du = (Math.abs(u) - 0.15 * scale) / (0.13 * scale), dv = (v - (spineV - 0.2 * scale)) / (0.11 * scale);
        return du * du + dv * dv < 1;
    }
}

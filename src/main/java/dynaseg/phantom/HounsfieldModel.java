package dynaseg.phantom;

import dynaseg.data.Organ;
import java.util.random.RandomGenerator;

/**
 * Hounsfield units of a contrast-enhanced abdominal CT in the portal-venous phase, drawn per case.
 *
 * <p>Chosen so that difficulty does not follow prevalence, as on real scans: the aorta, IVC and
 * kidneys are bright and easy; liver and spleen enhance alike (told apart by place, not by value);
 * the pancreas enhances like bowel wall, and the stomach's contents vary from air to oral contrast.
 * Adrenals are thin limbs of soft tissue whose partial volume with fat makes them faint.
 */
public final class HounsfieldModel {
    public static final double AIR = -1000;

    /** What fills the stomach lumen in this case. */
    public enum StomachContent { FLUID, AIR_FLUID, FOOD, ORAL_CONTRAST }

    private final double enhancement;
    private final double liver, spleen, pancreas, kidneyCortex, kidneyMedulla;
    private final double aorta, ivc, portalVeins, gallbladder, adrenal;
    private final double gutWall, fatHu, noiseSigma;
    private final boolean esophagusAir, oralContrast;
    private final StomachContent stomachContent;
    private final double stomachAirFraction;

    public HounsfieldModel(RandomGenerator rng) {
        enhancement = 0.85 + 0.3 * rng.nextDouble();
        double e = enhancement;
        liver = 60 + 50 * e + 8 * rng.nextGaussian();
        spleen = liver + 15 * rng.nextDouble();
        pancreas = 45 + 45 * e + 8 * rng.nextGaussian();
        kidneyCortex = 60 + 130 * e;
        kidneyMedulla = 50 + 90 * e;
        aorta = 60 + 140 * e + 10 * rng.nextGaussian();
        ivc = 50 + 100 * e + 10 * rng.nextGaussian();
        portalVeins = 60 + 110 * e + 10 * rng.nextGaussian();
        gallbladder = 10 + 8 * rng.nextGaussian();
        adrenal = 25 + 25 * e;
        gutWall = 50 + 45 * e + 8 * rng.nextGaussian();
        fatHu = -100 + 10 * rng.nextGaussian();
        noiseSigma = 12 + 10 * rng.nextDouble();
        esophagusAir = rng.nextDouble() < 0.4;
        oralContrast = rng.nextDouble() < 0.2;
        double pick = rng.nextDouble();
        stomachContent = oralContrast && pick < 0.5 ? StomachContent.ORAL_CONTRAST
                : pick < 0.35 ? StomachContent.AIR_FLUID : pick < 0.7 ? StomachContent.FLUID : StomachContent.FOOD;
        stomachAirFraction = 0.15 + 0.3 * rng.nextDouble();
    }

    /**
     * HU inside an organ.
     *
     * @param level depth in the organ's shape (0 core, 1 surface)
     * @param heightInOrgan 0 at the organ's lowest point, 1 at its highest (for air-fluid levels)
     * @param texture a smooth random value in [-1, 1] for mottled contents
     */
    public double organ(Organ organ, double level, double heightInOrgan, double texture) {
        switch (organ) {
            case LIVER: return liver + 4 * texture;
            case SPLEEN: return spleen + 4 * texture;
            case KIDNEY_LEFT: case KIDNEY_RIGHT: return level > 0.7 ? kidneyCortex : kidneyMedulla;
            case AORTA: return aorta;
            case INFERIOR_VENA_CAVA: return ivc;
            case PORTAL_VEIN_AND_SPLENIC_VEIN: return portalVeins;
            case PANCREAS: return pancreas + 10 * texture;
            case GALLBLADDER: return level > 0.85 ? 35 : gallbladder;
            case ADRENAL_GLAND_LEFT: case ADRENAL_GLAND_RIGHT: return adrenal;
            case ESOPHAGUS: return esophagusAir && level < 0.4 ? -600 : 45;
            case STOMACH: return stomach(level, heightInOrgan, texture);
            default: throw new IllegalArgumentException(organ.toString());
        }
    }

    private double stomach(double level, double height, double texture) {
        if (level > 0.8) return gutWall;
        switch (stomachContent) {
            case AIR_FLUID: return height > 1 - stomachAirFraction ? -750 : 15;
            case FOOD: return 30 + 60 * texture;
            case ORAL_CONTRAST: return 220 + 40 * texture;
            default: return 15;
        }
    }

    /** HU of a bowel loop; {@code lumenKind} in [0, 1) picks its content. */
    public double bowel(double level, double lumenKind, double texture) {
        if (level > 0.7) return gutWall;
        if (oralContrast && lumenKind < 0.4) return 200 + 40 * texture;
        if (lumenKind < 0.55) return 20;
        if (lumenKind < 0.8) return -500 + 200 * texture;
        return -60 + 120 * texture; // stool
    }

    public double hepaticVessel() { return portalVeins - 15; }
    public double fat() { return fatHu + 10; }
    public double cavityFat() { return fatHu; }
    public double muscle() { return 50; }
    public double corticalBone() { return 650; }
    public double cancellousBone() { return 220; }
    public double disc() { return 80; }
    public double csf() { return 15; }
    public double lung() { return -850; }
    public double noiseSigma() { return noiseSigma; }
    public StomachContent stomachContent() { return stomachContent; }
}

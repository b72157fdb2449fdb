package dynaseg.data;

import java.util.Locale;

/**
 * The 13 abdominal organs of BTCV (MICCAI 2015 Multi-Atlas Labeling Beyond the Cranial Vault),
 * in BTCV label order: {@code ordinal() + 1} is the BTCV label id. Names are TotalSegmentator's
 * structure names, so one name serves both datasets.
 */
public enum Organ {
    SPLEEN("spleen", 1, 1),
    KIDNEY_RIGHT("kidney_right", 2, 2),
    KIDNEY_LEFT("kidney_left", 3, 3),
    GALLBLADDER("gallbladder", 4, 4),
    ESOPHAGUS("esophagus", 15, 42),
    LIVER("liver", 5, 5),
    STOMACH("stomach", 6, 6),
    AORTA("aorta", 52, 7),
    INFERIOR_VENA_CAVA("inferior_vena_cava", 63, 8),
    PORTAL_VEIN_AND_SPLENIC_VEIN("portal_vein_and_splenic_vein", 64, 9),
    PANCREAS("pancreas", 7, 10),
    ADRENAL_GLAND_RIGHT("adrenal_gland_right", 8, 11),
    ADRENAL_GLAND_LEFT("adrenal_gland_left", 9, 12);

    private final String structureName;
    private final int totalSegV2Id;
    private final int totalSegV1Id;

    Organ(String structureName, int totalSegV2Id, int totalSegV1Id) {
        this.structureName = structureName;
        this.totalSegV2Id = totalSegV2Id;
        this.totalSegV1Id = totalSegV1Id;
    }

    /** BTCV label id, 1..13. */
    public int label() { return ordinal() + 1; }

    /** TotalSegmentator structure name, e.g. {@code kidney_right}; also used in file and column names. */
    public String structureName() { return structureName; }

    /** Id of this organ in TotalSegmentator v2's multi-label "total" output. */
    public int totalSegV2Id() { return totalSegV2Id; }

    /** Id of this organ in TotalSegmentator v1's multi-label output. */
    public int totalSegV1Id() { return totalSegV1Id; }

    public static Organ ofLabel(int label) {
        if (label < 1 || label > values().length) throw new IllegalArgumentException("no BTCV organ has label " + label);
        return values()[label - 1];
    }

    public static Organ ofName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Organ o : values()) if (o.structureName.equals(n)) return o;
        throw new IllegalArgumentException("unknown organ '" + name + "'");
    }
}

package dynaseg.data.formats;

import dynaseg.data.Organ;
import dynaseg.io.LabelMap;
import java.util.Locale;

/**
 * Maps the ids of a TotalSegmentator multi-label output file (v1: 104 structures, v2 "total" task:
 * 117) to BTCV ids 1..13 ({@link Organ}); every other structure becomes background.
 */
public enum TotalSegLabelMapping {
    V1("totalseg-v1"),
    V2("totalseg-v2");

    private final String cliName;
    private final byte[] toBtcv = new byte[256];

    TotalSegLabelMapping(String cliName) {
        this.cliName = cliName;
        for (Organ o : Organ.values()) {
            int id = cliName.endsWith("v1") ? o.totalSegV1Id() : o.totalSegV2Id();
            toBtcv[id] = (byte) o.label();
        }
    }

    /** The name used by {@code --label-map}. */
    public String cliName() { return cliName; }

    /** The BTCV id (0..13) of a TotalSegmentator id (0..255). */
    public int btcvId(int totalSegId) {
        if (totalSegId < 0 || totalSegId > 255) throw new IllegalArgumentException("label id out of range: " + totalSegId);
        return toBtcv[totalSegId] & 0xFF;
    }

    /** A new label map with BTCV ids, on the same geometry. */
    public LabelMap apply(LabelMap totalSeg) {
        byte[] in = totalSeg.labels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) out[i] = toBtcv[in[i] & 0xFF];
        return new LabelMap(totalSeg.geometry(), out);
    }

    /** {@code totalseg-v1} or {@code totalseg-v2} (also {@code v1}/{@code v2}), case-insensitive. */
    public static TotalSegLabelMapping parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TotalSegLabelMapping m : values()) {
            if (m.cliName.equals(n) || m.cliName.endsWith("-" + n)) return m;
        }
        throw new IllegalArgumentException("unknown label mapping '" + name + "'; use totalseg-v1 or totalseg-v2");
    }
}

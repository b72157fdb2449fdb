package dynaseg.loss;

import dynaseg.settings.SettingCheck;
import java.util.List;
import java.util.Locale;

/** Builds a loss from its name: {@code dice} or {@code dicece}. */
public final class Losses {
    public static final List<String> NAMES = List.of(WeightedDiceLoss.NAME, DiceCrossEntropyLoss.NAME);
    /** The paper's loss: multi-class Dice. */
    public static final String DEFAULT_NAME = WeightedDiceLoss.NAME;

    private Losses() {}

    /** The run config's check of its {@code loss} key. */
    public static void checkName(String name) {
        SettingCheck.requireOneOf(NAMES, "loss", name);
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static SegmentationLoss create(String name, boolean includeBackground) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case WeightedDiceLoss.NAME -> new WeightedDiceLoss(includeBackground);
            case DiceCrossEntropyLoss.NAME -> new DiceCrossEntropyLoss(includeBackground);
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
    }
}

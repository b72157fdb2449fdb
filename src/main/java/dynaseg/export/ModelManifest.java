package dynaseg.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * What an exported model says about itself: the {@code dynaseg-model.json} entry of a model.zip.
 * Everything {@code predict} needs besides the weights (network and sizes, patch, preprocessing,
 * organ names and label values), where the weights come from (run, checkpoint, epoch), how they were
 * trained (strategy, loss, schedule settings, best validation and test Dice), and the files of the
 * zip with their SHA-256, so that a damaged weight file is refused instead of segmenting garbage.
 *
 * <p>Keys are snake_case JSON. A reader ignores keys it does not know (a newer dynaseg may add
 * some within one format version) but refuses a {@link #formatVersion} above {@link #FORMAT_VERSION}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ModelManifest(String format, int formatVersion, String dynasegVersion, String created, Source source,
        Network network, Preprocessing preprocessing, Map<String, Integer> labels, Training training,
        Map<String, FileEntry> files) {
    /** The value of {@link #format}: tells a dynaseg model from any other zip with a JSON inside. */
    public static final String FORMAT = "dynaseg-model";
    /** The newest layout this dynaseg writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Keys of {@link #files}. */
    public static final String WEIGHTS = "weights";
    public static final String TORCH_WEIGHTS = "torch_weights";
    public static final String CONFIG = "config";

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The run and checkpoint the weights were taken from. */
    public record Source(String run, String checkpoint, int epoch) {}

    /** The network as {@code train} built it: model, size preset, UNet3D channels (null = the preset's), classes, patch. */
    public record Network(String model, String preset, List<Integer> unetChannels, int inChannels, int classes, int[] patch) {}

    /** How a scan is prepared for the network; {@code targetSpacing} null = the scan's own spacing. */
    public record Preprocessing(String orientation, double[] targetSpacing, double[] huWindow) {}

    /**
     * How the weights were trained. {@code testDiceMean} is the mean over organs of the mean Dice
     * over the held-out test cases, null when the run had no test split.
     */
    public record Training(String strategy, String loss, long seed, int epochs, int bestEpoch, Double bestValidationDice,
            Double testDiceMean, int testCases, Map<String, Object> schedule) {}

    /** A file of the zip: its entry name, its format, its size and SHA-256 (hex). */
    public record FileEntry(String name, String format, long bytes, String sha256) {}

    /** Organ names by label value, "background" (0) first. */
    public List<String> classNames() {
        String[] names = new String[labels.size()];
        labels.forEach((name, value) -> {
            if (value < 0 || value >= names.length || names[value] != null) {
                throw new IllegalArgumentException("labels must number 0 .. " + (names.length - 1) + " once each: " + labels);
            }
            names[value] = name;
        });
        return List.of(names);
    }
}

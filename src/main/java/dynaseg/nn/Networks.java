package dynaseg.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dynaseg.io.TempFiles;
import dynaseg.settings.SettingCheck;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three networks by name and size preset, their default patch sizes, and saving/loading
 * their parameters.
 *
 * <p>Presets: {@code paper} = the sizes of the papers (UNet3D channels 32,64,128,256; UNETR
 * 96^3/16/768/3072/12/12/16; Lambda3D likewise); {@code cpu} = small versions whose training step
 * on a 64^3 patch takes under about a second on 2 cores.
 */
public final class Networks {
    static {
        // Every program that builds a network passes here before its first convolution runs.
        dynaseg.engine.OneDnnIsaCap.apply();
    }

    public static final String UNET3D = "unet3d";
    public static final String UNETR = "unetr";
    public static final String LAMBDA3D = "lambda3d";
    public static final List<String> MODELS = List.of(UNET3D, UNETR, LAMBDA3D);
    public static final List<String> PRESETS = List.of("paper", "cpu");
    /** A new run's network unless asked: the small UNet3D that trains on a laptop CPU. */
    public static final String DEFAULT_MODEL = "unet3d";
    public static final String DEFAULT_PRESET = "cpu";

    private static final int[] UNET_PAPER = {32, 64, 128, 256};
    private static final int[] UNET_CPU = {8, 16, 32, 64};

    private Networks() {}

    /**
     * The token patch edge of a transformer model (UNETR 16, Lambda3D 8): its cubic training patch
     * must be a multiple of it. UNet3D has none (0).
     */
    public static int tokenPatch(String model) {
        return switch (checkModel(model)) {
            case "unetr" -> Unetr.TOKEN_PATCH;
            case "lambda3d" -> Lambda3d.TOKEN_PATCH;
            default -> 0;
        };
    }

    /**
     * A new, uninitialised network for the preset's default patch ({@link #defaultPatch}).
     * {@code unetChannels} overrides UNet3D's channels per level (null = the preset's); the other
     * models ignore it.
     *
     * @throws IllegalArgumentException for an unknown model or preset
     */
    public static Block create(String model, String preset, int inChannels, int numClasses, int[] unetChannels) {
        return create(model, preset, inChannels, numClasses, unetChannels, defaultPatch(model, preset));
    }

    /**
     * As {@link #create(String, String, int, int, int[])} for cubic training patches of {@code patch}
     * voxels: UNETR and Lambda3D size their position embeddings to it (a multiple of their token
     * patch, 16); UNet3D needs a multiple of 2^(levels-1) and otherwise works on any size.
     */
    public static Block create(String model, String preset, int inChannels, int numClasses, int[] unetChannels, int patch) {
        String p = checkPreset(preset);
        switch (checkModel(model)) {
            case "unet3d":
                int[] channels = unetChannels != null ? unetChannels : defaultUnetChannels(p);
                UNet3D net = UNet3D.builder().setNumClasses(numClasses).optInChannels(inChannels).optChannels(channels).build();
                if (patch % net.sizeMultiple() != 0) {
                    throw new IllegalArgumentException("UNet3D with " + channels.length + " levels needs a patch that is a multiple of "
                            + net.sizeMultiple() + ", got " + patch);
                }
                return net;
            case "unetr":
                return Unetr.create(p, inChannels, numClasses, patch);
            default:
                return Lambda3d.create(p, inChannels, numClasses, patch);
        }
    }

    /** UNet3D's channels per level for a preset. */
    public static int[] defaultUnetChannels(String preset) {
        return "paper".equals(checkPreset(preset)) ? UNET_PAPER.clone() : UNET_CPU.clone();
    }

    /**
     * The cubic training patch edge for a model and preset: 96 for the paper presets (UNETR's input
     * size, used for all three networks in the runtime freezing paper), 64 for the cpu presets.
     */
    public static int defaultPatch(String model, String preset) {
        checkModel(model);
        return "paper".equals(checkPreset(preset)) ? 96 : 64;
    }

    /** Initialises a network's parameters for input (1, inChannels, patch, patch, patch). */
    public static void initialize(Block block, NDManager manager, int inChannels, int patch) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inChannels, patch, patch, patch));
    }

    /** Number of scalar parameters (the block must be initialised). */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (!p.isInitialized()) throw new IllegalStateException("parameter " + p.getName() + " is not initialised");
            n += p.getArray().getShape().size();
        }
        return n;
    }

    /** Writes the parameters atomically: to a temp file in the same folder, then renamed over {@code file}. */
    public static void save(Block block, Path file) throws IOException {
        TempFiles.replace(file, out -> block.saveParameters(new DataOutputStream(out)));
    }

    /**
     * Reads parameters written by {@link #save} into a network built with the same settings
     * (initialise it first, e.g. with {@link #initialize}, so that the parameter arrays exist). The
     * trainable parameters collect gradients afterwards, so training can continue at once.
     *
     * @throws IOException naming the file when it is missing or does not fit the network
     */
    public static void load(Block block, Path file, NDManager manager) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such parameter file");
        try (InputStream in = Files.newInputStream(file)) {
            load(block, in, file.toString(), manager);
        }
    }

    /**
     * As {@link #load(Block, Path, NDManager)} from a stream (an entry of an exported model);
     * errors start with {@code source}. The stream is not closed.
     */
    public static void load(Block block, InputStream stream, String source, NDManager manager) throws IOException {
        List<Shape> expected = shapes(block);
        try {
            block.loadParameters(manager, new DataInputStream(new BufferedInputStream(stream)));
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(source + ": parameters do not fit " + block + " (" + e.getMessage() + ")", e);
        }
        // DJL replaces arrays without checking their shapes
        List<Shape> loaded = shapes(block);
        if (!expected.isEmpty() && !expected.contains(null) && !expected.equals(loaded)) {
            throw new IOException(source + ": parameter shapes " + loaded + " do not fit " + block + " " + expected
                    + " (the network's parameters are now unusable)");
        }
        // Parameter.load makes plain arrays; as Parameter.initialize does, trainable ones must collect
        // gradients again, or the first backward after a resume fails
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient() && p.isInitialized()) p.getArray().setRequiresGradient(true);
        }
    }

    private static List<Shape> shapes(Block block) {
        List<Shape> s = new java.util.ArrayList<>();
        for (Parameter p : block.getParameters().values()) s.add(p.isInitialized() ? p.getArray().getShape() : null);
        return s;
    }

    /** The model name in lower case; IllegalArgumentException listing the choices when unknown. */
    public static String checkModel(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(m)) throw new IllegalArgumentException("unknown model '" + model + "' (choose one of " + MODELS + ")");
        return m;
    }

    /**
     * The checks of a run's network keys ({@code model}, {@code preset}, {@code unet-channels}:
     * empty = the preset's); the message names the key. Whether the patch fits is checked where
     * the patch is known ({@code dynaseg.run.NetworkFactory#checkPatch}).
     */
    public static void checkChoice(String model, String preset, List<Integer> unetChannels) {
        SettingCheck.requireOneOf(MODELS, "model", model);
        SettingCheck.requireOneOf(PRESETS, "preset", preset);
        SettingCheck.require(unetChannels.stream().allMatch(c -> c != null && c > 0), "unet-channels", unetChannels,
                "positive channel counts");
    }

    /** The preset name in lower case; IllegalArgumentException listing the choices when unknown. */
    public static String checkPreset(String preset) {
        String p = preset == null ? "" : preset.toLowerCase(Locale.ROOT);
        if (!PRESETS.contains(p)) throw new IllegalArgumentException("unknown preset '" + preset + "' (choose one of " + PRESETS + ")");
        return p;
    }

    /** Parses "32,64,128,256" into channels per level. */
    public static int[] parseChannels(String text) {
        try {
            int[] c = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (c.length < 2 || Arrays.stream(c).anyMatch(v -> v < 1)) throw new NumberFormatException();
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channels must be two or more positive integers separated by commas, got '" + text + "'");
        }
    }
}

package dynaseg.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dynaseg.data.preprocess.PreprocessSettings;
import dynaseg.data.formats.DatasetFormat;
import dynaseg.data.formats.TotalSegLabelMapping;
import dynaseg.loss.Losses;
import dynaseg.nn.Networks;
import dynaseg.schedule.ScheduleSettings;
import dynaseg.schedule.Schedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import dynaseg.io.AtomicFiles;
import dynaseg.data.DatasetSplit;
import dynaseg.data.sampling.PatchSampler;
import dynaseg.settings.SettingCheck;

/**
 * Everything a training run needs, written to the run folder as {@code config.yaml} so that the
 * folder alone reruns or resumes it (as nnU-Net's plans). YAML keys are the kebab-case forms of
 * the property names ({@code iterations-per-epoch}), the same words as the {@code train}
 * command's options. Unknown keys are an error naming the file and the key.
 *
 * <p>Defaults follow the paper (Dice loss, batch 2, lr 1e-4, 96^3 patches) and MONAI's BTCV
 * recipe (1.5 x 1.5 x 2.0 mm, HU window [-175, 250]); a third of the patches centred on an organ
 * voxel (nnU-Net). The schedule is {@code none} and the network preset {@code cpu} unless asked. The paper gives no
 * delta, epsilon and zeta: ours are 5, 0.01 and 0.001. The initial score (the paper's S_0) is
 * {@link ScheduleSettings#DEFAULT_INITIAL_SCORE} for a new run; a file without the key means none,
 * as it did before the key existed. Epochs 100 x 250 iterations and the
 * gradient clip 12 are nnU-Net's habits and our choice.
 *
 * <p>Sections: data (data-dirs .. foreground-ratio, preprocessing: {@link #preprocessSettings()}),
 * network (model, preset, unet-channels, patch), schedule (strategy, tau .. initial-score:
 * {@link #scheduleSettings}), loss, optimisation (epochs .. seed), device and validation. The
 * names, defaults and limits of each section belong to the package that uses it ({@code Networks},
 * {@code Losses}, {@code Schedules}/{@code ScheduleSettings}, {@code PreprocessSettings},
 * {@code DatasetSplit}, {@code PatchSampler}, {@link Devices}); {@link #validate()} asks each of
 * them, and only the optimisation and validation keys, which no other package owns, are checked
 * here. The file stays flat, one key per train option, so that every config.yaml ever written
 * still reads: the sections are views, not nested YAML (and Jackson 2's {@code @JsonUnwrapped}
 * would silently accept a misspelt key, jackson-databind #650).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"dataDirs", "format", "minOrgans", "labelMap", "strict", "organs", "cacheDir", "valFraction", "testFraction", "splitSeed", "targetSpacing", "huWindow",
        "cropToBody", "foregroundRatio", "model", "preset", "unetChannels", "strategy", "tau", "delta", "epsilon",
        "zeta", "low", "cap", "ema", "initial-score", "loss", "includeBackground", "epochs", "iterationsPerEpoch",
        "patch", "batch", "lr", "weightDecay", "warmupEpochs", "lrSchedule", "gradClip", "seed",
        "device", "threads", "valOverlap", "valMirroring"})
public final class RunConfig {
    // the names are owned by the packages that build them
    public static final Set<String> STRATEGIES = Set.copyOf(Schedules.NAMES);
    public static final Set<String> MODELS = Set.copyOf(Networks.MODELS);
    public static final Set<String> PRESETS = Set.copyOf(Networks.PRESETS);
    public static final Set<String> LOSSES = Set.copyOf(Losses.NAMES);
    public static final Set<String> LR_SCHEDULES = Set.of("cosine", "poly");
    public static final Set<String> DEVICES = Devices.NAMES;
    /** The YAML key of {@link #getInitialScore()}, written as the options spell it: none or a number. */
    static final String INITIAL_SCORE_KEY = "initial-score";

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    // data
    private List<String> dataDirs = new ArrayList<>();
    private String format;
    private Integer minOrgans;
    private String labelMap;
    private boolean strict = false;
    private List<String> organs = new ArrayList<>();
    private String cacheDir;
    private double valFraction = DatasetSplit.DEFAULT_VALIDATION_FRACTION;
    /** Held-out test cases (never trained on, validated on or used to pick the best epoch); null = none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonProperty
    private Double testFraction;
    /** Seed of the case split; null = {@code seed}. Set it to vary the seed over runs on one split. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonProperty
    private Long splitSeed;
    private double[] targetSpacing = PreprocessSettings.defaults().targetSpacing();
    private double[] huWindow = {PreprocessSettings.defaults().huLow(), PreprocessSettings.defaults().huHigh()};
    private double foregroundRatio = PatchSampler.DEFAULT_FOREGROUND_RATIO;
    private boolean cropToBody = PreprocessSettings.defaults().cropToBody();
    // network
    private String model = Networks.DEFAULT_MODEL;
    private String preset = Networks.DEFAULT_PRESET;
    private List<Integer> unetChannels = new ArrayList<>();
    // class-weight schedule
    private String strategy = Schedules.DEFAULT_NAME;
    private double tau = ScheduleSettings.DEFAULT_TAU;
    private int delta = ScheduleSettings.DEFAULT_DELTA;
    private double epsilon = ScheduleSettings.DEFAULT_EPSILON;
    private double zeta = ScheduleSettings.DEFAULT_ZETA;
    private double low = ScheduleSettings.DEFAULT_LOW;
    private double cap = ScheduleSettings.DEFAULT_CAP;
    private double ema = ScheduleSettings.NO_SMOOTHING;
    private Double initialScore = ScheduleSettings.parseInitialScore(ScheduleSettings.DEFAULT_INITIAL_SCORE);
    // loss and optimisation
    private String loss = Losses.DEFAULT_NAME;
    private boolean includeBackground = true;
    private int epochs = 100;
    private int iterationsPerEpoch = 250;
    private int[] patch = {96, 96, 96};
    private int batch = 2;
    private double lr = 1e-4;
    private double weightDecay = 1e-5;
    private int warmupEpochs = 0;
    private String lrSchedule = "cosine";
    private double gradClip = 12.0;
    private long seed = 1;
    private String device = Devices.DEFAULT_NAME;
    private int threads = 0;
    // validation
    private double valOverlap = 0.5;
    private boolean valMirroring = false;

    /** Reads and validates a config; every error names the file (and the key when there is one). */
    public static RunConfig read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and validates a config's YAML text; every error starts with {@code source} (a file
     * name, or an entry of an exported model such as {@code model.zip!/config.yaml}).
     */
    public static RunConfig parse(String text, String source) throws IOException {
        RunConfig config;
        try {
            config = text.isBlank() ? new RunConfig() : MAPPER.readValue(text, RunConfig.class);
            // Files written before the key existed ran without an epoch 0: absent means none, whatever the default.
            if (text.isBlank() || !MAPPER.readTree(text).has(INITIAL_SCORE_KEY)) config.setInitialScore(null);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null ? List.of()
                    : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.toList());
            throw new IOException(source + ": unknown key '" + e.getPropertyName() + "'"
                    + location(e) + "; known keys: " + String.join(", ", known), e);
        } catch (JsonMappingException e) {
            throw new IOException(source + ": bad value for key '" + keyPath(e) + "'" + location(e)
                    + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid YAML" + location(e) + ": " + e.getOriginalMessage(), e);
        }
        try {
            config.validate();
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** Writes the config as YAML atomically (so a crash never leaves a half-written config). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toYaml());
    }

    public String toYaml() {
        try {
            return "# dynaseg run configuration: keys are the train command's options\n"
                    + MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise run config", e);
        }
    }

    /** A deep copy (through the YAML tree). */
    public RunConfig copy() {
        return MAPPER.convertValue(MAPPER.valueToTree(this), RunConfig.class);
    }

    /**
     * The preprocessing the config describes (target-spacing, hu-window, crop-to-body), for
     * training and prediction alike; defaults and checks are {@link PreprocessSettings}'s.
     */
    public PreprocessSettings preprocessSettings() {
        return new PreprocessSettings(targetSpacing, huWindow[0], huWindow[1], cropToBody);
    }

    /**
     * The settings of the class-weight schedule (tau .. initial-score) as the schedule package
     * takes them, with the organs' voxel shares when the strategy needs them (else null).
     */
    public ScheduleSettings scheduleSettings(java.util.function.Supplier<double[]> prevalence) {
        return new ScheduleSettings(tau, delta, epsilon, zeta, low, cap, ema,
                Schedules.needsPrevalence(strategy) ? prevalence.get() : null, initialScore);
    }

    /**
     * Checks ranges and choices, section by section; the message names the key. Each section's
     * names and limits belong to the package that uses them (data, nn, schedule, loss,
     * preprocess, run.Devices); what only a run has (its optimisation and its validation) is
     * checked here.
     */
    public void validate() {
        // data
        checkParses(format, "format", DatasetFormat::parse);
        checkParses(labelMap, "label-map", TotalSegLabelMapping::parse);
        check(minOrgans == null || minOrgans >= 0, "min-organs", minOrgans, ">= 0, or null for the format's default");
        DatasetSplit.checkFractions(valFraction, getTestFraction());
        check(valFraction > 0, "val-fraction", valFraction, "in (0, 1): a run validates after every epoch");
        PatchSampler.checkForegroundRatio(foregroundRatio);
        preprocessSettings();
        // network, schedule, loss, device
        Networks.checkChoice(model, preset, unetChannels);
        check(patch.length == 3 && patch[0] > 0 && patch[1] > 0 && patch[2] > 0, "patch", List.of(patch), "3 positive sizes");
        Schedules.checkName(strategy);
        ScheduleSettings.checkLimits(tau, delta, epsilon, zeta, low, cap, ema, initialScore);
        Losses.checkName(loss);
        Devices.checkChoice(device, threads);
        // optimisation and validation: the run's own
        check(epochs > 0, "epochs", epochs, "> 0");
        check(iterationsPerEpoch > 0, "iterations-per-epoch", iterationsPerEpoch, "> 0");
        check(batch > 0, "batch", batch, "> 0");
        check(lr > 0, "lr", lr, "> 0");
        check(weightDecay >= 0, "weight-decay", weightDecay, ">= 0");
        check(warmupEpochs >= 0 && warmupEpochs < epochs, "warmup-epochs", warmupEpochs, ">= 0 and < epochs");
        SettingCheck.requireOneOf(LR_SCHEDULES, "lr-schedule", lrSchedule);
        check(gradClip >= 0, "grad-clip", gradClip, ">= 0 (0 = off)");
        check(valOverlap >= 0 && valOverlap < 1, "val-overlap", valOverlap, "in [0, 1)");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        SettingCheck.require(ok, key, value, expected);
    }

    private static void checkParses(String value, String key, java.util.function.Function<String, ?> parser) {
        if (value == null) return;
        try {
            parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "' is " + value + ": " + e.getMessage(), e);
        }
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig other && MAPPER.valueToTree(this).equals(MAPPER.valueToTree(other));
    }

    @Override
    public int hashCode() { return MAPPER.valueToTree(this).hashCode(); }

    @Override
    public String toString() { return toYaml(); }

    // ---- properties (JavaBean accessors: Jackson maps them to kebab-case keys) ----

    /** Dataset folders (any adapter's layout); cases of all are pooled. */
    public List<String> getDataDirs() { return dataDirs; }
    public void setDataDirs(List<String> v) { dataDirs = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    /** Layout of every data folder: msd | nnunet | btcv | totalseg; null = detected per folder. */
    public String getFormat() { return format; }
    public void setFormat(String v) { format = v; }
    /** Keep only cases with at least this many organs; null = the format's default (6 for TotalSegmentator). */
    public Integer getMinOrgans() { return minOrgans; }
    public void setMinOrgans(Integer v) { minOrgans = v; }
    /** Read MSD/nnU-Net label files as TotalSegmentator multi-label outputs: totalseg-v1 | totalseg-v2; null = as stored. */
    public String getLabelMap() { return labelMap; }
    public void setLabelMap(String v) { labelMap = v; }
    /** Fail on the first bad case instead of skipping it with a warning. */
    public boolean isStrict() { return strict; }
    public void setStrict(boolean v) { strict = v; }
    /** Foreground classes in channel order, named as the dataset's labels; empty = all of the dataset's labels. */
    public List<String> getOrgans() { return organs; }
    public void setOrgans(List<String> v) { organs = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    /** Where preprocessed cases are cached; null = the default next to the data. */
    public String getCacheDir() { return cacheDir; }
    public void setCacheDir(String v) { cacheDir = v; }
    public double getValFraction() { return valFraction; }
    public void setValFraction(double v) { valFraction = v; }
    /** The share of cases held out for testing (0 when not set). */
    @JsonIgnore // the file keeps the field as it is (absent when not set)
    public double getTestFraction() { return testFraction == null ? 0 : testFraction; }
    /** 0 clears it, so that config.yaml keeps no {@code test-fraction} key. */
    public void setTestFraction(Double v) { testFraction = v == null || v == 0 ? null : v; }
    /** The seed of the case split: {@code split-seed} when set, else {@code seed}. */
    @JsonIgnore
    public long getSplitSeed() { return splitSeed == null ? seed : splitSeed; }
    public void setSplitSeed(Long v) { splitSeed = v; }
    /** Resampling target in mm, (x, y, z); null keeps each case's own spacing. */
    public double[] getTargetSpacing() { return targetSpacing == null ? null : targetSpacing.clone(); }
    public void setTargetSpacing(double[] v) { targetSpacing = v == null ? null : v.clone(); }
    /** HU clip window [low, high] before scaling to [0, 1]. */
    public double[] getHuWindow() { return huWindow.clone(); }
    public void setHuWindow(double[] v) { huWindow = v.clone(); }
    /** Crop each case to the body (HU threshold) before caching. */
    public boolean isCropToBody() { return cropToBody; }
    public void setCropToBody(boolean v) { cropToBody = v; }
    /** Share of patches centred on a foreground voxel. */
    public double getForegroundRatio() { return foregroundRatio; }
    public void setForegroundRatio(double v) { foregroundRatio = v; }
    public String getModel() { return model; }
    public void setModel(String v) { model = v; }
    public String getPreset() { return preset; }
    public void setPreset(String v) { preset = v; }
    /** UNet channels per level; empty = the preset's. */
    public List<Integer> getUnetChannels() { return unetChannels; }
    public void setUnetChannels(List<Integer> v) { unetChannels = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    /** Class-weight schedule: none | prevalence | tcf | pcf | cbs | cbs-cumulative. */
    public String getStrategy() { return strategy; }
    public void setStrategy(String v) { strategy = v; }
    public double getTau() { return tau; }
    public void setTau(double v) { tau = v; }
    public int getDelta() { return delta; }
    public void setDelta(int v) { delta = v; }
    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double v) { epsilon = v; }
    public double getZeta() { return zeta; }
    public void setZeta(double v) { zeta = v; }
    /** Weight of a frozen class. */
    public double getLow() { return low; }
    public void setLow(double v) { low = v; }
    /** Upper bound of a CBS weight. */
    public double getCap() { return cap; }
    public void setCap(double v) { cap = v; }
    /** Smoothing of the validation Dice before the schedule reads it (ours): m = ema*S + (1-ema)*m_prev, the weight of the newest score; 1 = off. */
    public double getEma() { return ema; }
    public void setEma(double v) { ema = v; }
    /**
     * The paper's S_0 read literally: the score of an epoch 0 in every class's PCF/CBS history, in
     * [0, 1]; null = none (epoch 0 never enters a window). In YAML {@code initial-score: none} (or
     * null) or a number; a file without the key means none.
     */
    @JsonIgnore
    public Double getInitialScore() { return initialScore; }
    @JsonIgnore
    public void setInitialScore(Double v) { initialScore = v; }
    @JsonProperty(INITIAL_SCORE_KEY)
    private String initialScoreYaml() { return ScheduleSettings.formatInitialScore(initialScore); }
    @JsonProperty(INITIAL_SCORE_KEY)
    private void initialScoreYaml(String v) {
        initialScore = v == null ? null : ScheduleSettings.parseInitialScore(v);
    }
    /** dice | dicece. */
    public String getLoss() { return loss; }
    public void setLoss(String v) { loss = v; }
    public boolean isIncludeBackground() { return includeBackground; }
    public void setIncludeBackground(boolean v) { includeBackground = v; }
    public int getEpochs() { return epochs; }
    public void setEpochs(int v) { epochs = v; }
    public int getIterationsPerEpoch() { return iterationsPerEpoch; }
    public void setIterationsPerEpoch(int v) { iterationsPerEpoch = v; }
    /** Patch size (z, y, x); a single number in YAML means a cube. */
    public int[] getPatch() { return patch.clone(); }
    public void setPatch(int[] v) {
        if (v.length == 1) v = new int[] {v[0], v[0], v[0]};
        patch = v.clone();
    }
    public int getBatch() { return batch; }
    public void setBatch(int v) { batch = v; }
    public double getLr() { return lr; }
    public void setLr(double v) { lr = v; }
    public double getWeightDecay() { return weightDecay; }
    public void setWeightDecay(double v) { weightDecay = v; }
    public int getWarmupEpochs() { return warmupEpochs; }
    public void setWarmupEpochs(int v) { warmupEpochs = v; }
    /** cosine | poly. */
    public String getLrSchedule() { return lrSchedule; }
    public void setLrSchedule(String v) { lrSchedule = v; }
    /** Global gradient-norm clip; 0 = off. */
    public double getGradClip() { return gradClip; }
    public void setGradClip(double v) { gradClip = v; }
    public long getSeed() { return seed; }
    public void setSeed(long v) { seed = v; }
    /** cpu | gpu. */
    public String getDevice() { return device; }
    public void setDevice(String v) { device = v; }
    /** Intra-op threads; 0 = all cores. */
    public int getThreads() { return threads; }
    public void setThreads(int v) { threads = v; }
    public double getValOverlap() { return valOverlap; }
    public void setValOverlap(double v) { valOverlap = v; }
    public boolean isValMirroring() { return valMirroring; }
    public void setValMirroring(boolean v) { valMirroring = v; }
}

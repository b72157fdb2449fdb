package dynaseg.data.formats;

import dynaseg.data.CaseRef;
import dynaseg.data.Organ;
import dynaseg.data.SegmentationDataset;
import dynaseg.data.Progress;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TotalSegmentator dataset (Wasserthal et al. 2023): {@code <id>/ct.nii.gz} and one binary mask per
 * structure, {@code <id>/segmentations/<structure>.nii.gz}, with an optional {@code meta.csv}
 * ({@code image_id;...;split;...}). The 13 BTCV organs' masks are merged, one at a time, into one
 * uint8 label map with BTCV ids; other structures are background. Cases of split {@code test} are held
 * out ({@link #testCases()}); split {@code val} are the validation cases.
 *
 * <p>A case's {@link CaseRef#label()} is its {@code segmentations} folder. A case with a missing or
 * unreadable ct or organ mask, or a mask on another grid than ct.nii.gz, is reported and left out.
 */
public final class TotalSegmentatorDataset implements SegmentationDataset {
    public static final String IMAGE_FILE = "ct.nii.gz";
    public static final String MASK_FOLDER = "segmentations";
    public static final String META_FILE = "meta.csv";

    /** Organs in the order presence is probed: the usually present first, so that counting stops early. */
    private static final List<Organ> PROBE_ORDER = List.of(Organ.LIVER, Organ.SPLEEN, Organ.KIDNEY_RIGHT, Organ.KIDNEY_LEFT,
            Organ.STOMACH, Organ.AORTA, Organ.INFERIOR_VENA_CAVA, Organ.PANCREAS, Organ.PORTAL_VEIN_AND_SPLENIC_VEIN,
            Organ.GALLBLADDER, Organ.ADRENAL_GLAND_RIGHT, Organ.ADRENAL_GLAND_LEFT, Organ.ESOPHAGUS);

    private final List<CaseRef> cases;
    private final List<CaseRef> validation;
    private final List<CaseRef> test;
    private final OrganPresenceCache presence;

    private TotalSegmentatorDataset(List<CaseRef> cases, List<CaseRef> validation, List<CaseRef> test,
            OrganPresenceCache presence) {
        this.cases = List.copyOf(cases);
        this.validation = List.copyOf(validation);
        this.test = List.copyOf(test);
        this.presence = presence;
    }

    /** Opens {@code dir}, checking every case's headers; bad cases are reported through {@code opts} and left out. */
    public static SegmentationDataset open(Path dir, DatasetOptions opts) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a folder");
        Path metaFile = dir.resolve(META_FILE);
        Map<String, TotalSegMeta.Split> meta = Files.isRegularFile(metaFile) ? TotalSegMeta.read(metaFile) : Map.of();
        Set<String> ids = new LinkedHashSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            List<Path> subs = new ArrayList<>();
            for (Path p : s) subs.add(p);
            subs.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path p : subs) {
                if (Files.exists(p.resolve(IMAGE_FILE)) || Files.isDirectory(p.resolve(MASK_FOLDER))) ids.add(p.getFileName().toString());
            }
        }
        for (String id : meta.keySet()) {
            if (!ids.contains(id)) opts.report(new Problem(id, dir.resolve(id), "listed in " + META_FILE + " but its folder is missing"));
        }
        List<CaseRef> found = new ArrayList<>();
        for (String id : ids) {
            Path caseDir = dir.resolve(id);
            CaseRef ref = new CaseRef(id, caseDir.resolve(IMAGE_FILE), caseDir.resolve(MASK_FOLDER));
            if (!Files.isRegularFile(ref.image())) opts.report(new Problem(id, ref.image(), "missing file"));
            else if (!Files.isDirectory(ref.label())) opts.report(new Problem(id, ref.label(), "missing folder of masks"));
            else found.add(ref);
        }
        List<Boolean> ok = CaseWork.map(found, opts, Progress.NONE, ref -> {
            checkHeaders(ref);
            return Boolean.TRUE;
        });
        List<CaseRef> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            if (ok.get(i) == null) continue;
            CaseRef ref = found.get(i);
            TotalSegMeta.Split split = meta.getOrDefault(ref.id(), TotalSegMeta.Split.TRAIN);
            if (split == TotalSegMeta.Split.TEST) test.add(ref);
            else {
                train.add(ref);
                if (split == TotalSegMeta.Split.VAL) val.add(ref);
            }
        }
        if (train.isEmpty() && test.isEmpty()) {
            throw new IOException(dir + ": no usable TotalSegmentator case (<id>/" + IMAGE_FILE + " with <id>/" + MASK_FOLDER + "/<organ>.nii.gz)");
        }
        return new TotalSegmentatorDataset(train, val, test, OrganPresenceCache.open(dir, opts.cacheDir()));
    }

    /** The mask file of {@code organ} in a case: {@code <id>/segmentations/<structure>.nii.gz}. */
    public static Path maskFile(CaseRef ref, Organ organ) {
        return ref.label().resolve(organ.structureName() + ".nii.gz");
    }

    /** Cases of split {@code test} in meta.csv: not in {@link #cases()}. */
    @Override
    public List<CaseRef> testCases() { return test; }

    @Override public String format() { return DatasetFormat.TOTALSEGMENTATOR.cliName(); }
    @Override public List<CaseRef> cases() { return cases; }
    @Override public List<String> classNames() { return BtcvDataset.organClassNames(); }
    @Override public List<CaseRef> validationCases() { return validation; }

    /**
     * The 13 organ masks merged into one BTCV label map on ct.nii.gz's grid, reading one mask at a
     * time; where masks overlap, the higher BTCV id wins.
     */
    @Override
    public LabelMap readLabels(CaseRef ref) throws IOException {
        Geometry grid = Nifti.readHeader(ref.image()).geometry();
        byte[] merged = new byte[grid.voxelCount()];
        for (Organ organ : Organ.values()) {
            LabelMap mask = readMask(ref, organ, grid);
            byte[] m = mask.labels();
            byte id = (byte) organ.label();
            for (int i = 0; i < m.length; i++) if (m[i] != 0) merged[i] = id;
        }
        return new LabelMap(grid, merged);
    }

    /**
     * How many organ masks hold a voxel, counting only until the answer to "at least {@code enough}?"
     * is known: the result is at least {@code enough} exactly when that many organs are present.
     * Masks already probed (and unchanged since) are taken from the presence cache, not read again.
     */
    public int organsPresent(CaseRef ref, int enough) throws IOException {
        List<Path> masks = PROBE_ORDER.stream().map(o -> maskFile(ref, o)).toList();
        String fingerprint = OrganPresenceCache.fingerprint(masks);
        String known = presence.states(ref.id(), fingerprint);
        char[] states = known != null && known.length() == masks.size() ? known.toCharArray()
                : String.valueOf(OrganPresenceCache.UNKNOWN).repeat(masks.size()).toCharArray();
        boolean learnt = false;
        int present = 0, left = masks.size();
        for (int i = 0; i < masks.size(); i++) {
            if (present >= enough || present + left < enough) break;
            if (states[i] == OrganPresenceCache.UNKNOWN) {
                states[i] = anyVoxel(Nifti.readLabels(masks.get(i))) ? OrganPresenceCache.PRESENT : OrganPresenceCache.ABSENT;
                learnt = true;
            }
            if (states[i] == OrganPresenceCache.PRESENT) present++;
            left--;
        }
        if (learnt) presence.record(ref.id(), fingerprint, new String(states));
        return present;
    }

    /** Where the presence of organs in this dataset's cases is kept. */
    public Path presenceCacheFile() { return presence.file(); }

    private static LabelMap readMask(CaseRef ref, Organ organ, Geometry grid) throws IOException {
        Path file = maskFile(ref, organ);
        if (!Files.isRegularFile(file)) throw new IOException("missing mask " + file);
        LabelMap mask = Nifti.readLabels(file);
        CaseChecks.requireSameGrid(file, mask.geometry(), ref.image(), grid);
        return mask;
    }

    private static void checkHeaders(CaseRef ref) throws IOException {
        Geometry grid = CaseChecks.header(ref.image(), "image");
        for (Organ organ : Organ.values()) {
            Path file = maskFile(ref, organ);
            CaseChecks.requireSameGrid(file, CaseChecks.header(file, "mask"), ref.image(), grid);
        }
    }

    private static boolean anyVoxel(LabelMap mask) {
        for (byte b : mask.labels()) if (b != 0) return true;
        return false;
    }
}

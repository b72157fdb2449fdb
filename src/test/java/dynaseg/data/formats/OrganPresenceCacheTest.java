package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.CaseRef;
import dynaseg.data.Organ;
import dynaseg.phantom.PhantomCase;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TotalSegmentator organ filter reads each case's masks once; later opens answer from the cache. */
class OrganPresenceCacheTest {
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final DatasetOptions opts = DatasetOptions.defaults().withThreads(2).withProblems(problems::add);

    @TempDir
    Path tmp;

    /** a_full: 13 organs, b_six: 6, c_five: 5. */
    private Path threeCases() throws IOException {
        Path dir = tmp.resolve("totalseg");
        PhantomCase full = FormatFixtures.fullPhantom();
        FormatFixtures.writeTotalSegCase(dir, "a_full", full, full.labels());
        LabelMap six = FormatFixtures.without(full.labels(), EnumSet.of(Organ.SPLEEN, Organ.KIDNEY_LEFT, Organ.KIDNEY_RIGHT,
                Organ.GALLBLADDER, Organ.ESOPHAGUS, Organ.ADRENAL_GLAND_LEFT, Organ.ADRENAL_GLAND_RIGHT));
        FormatFixtures.writeTotalSegCase(dir, "b_six", full, six);
        FormatFixtures.writeTotalSegCase(dir, "c_five", full, FormatFixtures.without(six, EnumSet.of(Organ.LIVER)));
        return dir;
    }

    private static List<String> ids(Path dir, DatasetOptions opts) throws IOException {
        return Datasets.open(dir, "totalseg", opts).cases().stream().map(CaseRef::id).toList();
    }

    @Test
    void aSecondOpenReadsNoMaskAgain() throws Exception {
        Path dir = threeCases();
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        Path cacheFile = dir.resolve(".dynaseg-cache").resolve(OrganPresenceCache.FILE_NAME);
        assertTrue(Files.isRegularFile(cacheFile));

        // break every mask's gzip trailer, keeping size and time: headers still read, whole masks no longer
        List<Path> masks;
        try (Stream<Path> s = Files.walk(dir)) {
            masks = s.filter(p -> p.toString().endsWith(".nii.gz") && p.getParent().getFileName().toString().equals("segmentations")).toList();
        }
        for (Path m : masks) breakTrailerKeepingSizeAndTime(m);
        assertThrows(IOException.class, () -> Nifti.readLabels(masks.get(0)));

        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aChangedMaskIsProbedAgain() throws Exception {
        Path dir = threeCases();
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        // b_six loses its liver: now 5 organs
        CaseRef b = new CaseRef("b_six", dir.resolve("b_six/ct.nii.gz"), dir.resolve("b_six/segmentations"));
        Path liver = TotalSegmentatorDataset.maskFile(b, Organ.LIVER);
        LabelMap mask = Nifti.readLabels(liver);
        Nifti.writeLabels(new LabelMap(mask.geometry(), new byte[mask.labels().length]), liver);
        Files.setLastModifiedTime(liver, FileTime.fromMillis(Files.getLastModifiedTime(liver).toMillis() + 2000));
        assertEquals(List.of("a_full"), ids(dir, opts));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void anotherThresholdReadsOnlyWhatIsStillUnknown() throws Exception {
        Path dir = threeCases();
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        assertEquals(List.of("a_full", "b_six", "c_five"), ids(dir, opts.withMinOrgans(5)));
        assertEquals(List.of("a_full"), ids(dir, opts.withMinOrgans(13)));
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
    }

    @Test
    void anExplicitCacheFolderHoldsTheFileAndTheDataIsLeftAlone() throws Exception {
        Path dir = threeCases();
        Path cache = tmp.resolve("cache");
        TotalSegmentatorDataset ds = (TotalSegmentatorDataset) Datasets.openUnfiltered(dir, DatasetFormat.TOTALSEGMENTATOR,
                opts.withCacheDir(cache));
        assertEquals(cache, ds.presenceCacheFile().getParent());
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts.withCacheDir(cache)));
        assertTrue(Files.isRegularFile(ds.presenceCacheFile()));
        assertFalse(Files.exists(dir.resolve(".dynaseg-cache")));
    }

    @Test
    void aDamagedCacheFileIsIgnoredLineByLine() throws Exception {
        Path dir = threeCases();
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        Path cacheFile = dir.resolve(".dynaseg-cache").resolve(OrganPresenceCache.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(cacheFile));
        lines.replaceAll(l -> l.startsWith("b_six\t") ? l.substring(0, l.lastIndexOf('\t') + 1) + "1x" : l);
        lines.add("torn\tlin");
        lines.add("garbage");
        Files.write(cacheFile, lines);
        assertEquals(List.of("a_full", "b_six"), ids(dir, opts));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    private static void breakTrailerKeepingSizeAndTime(Path gz) throws IOException {
        FileTime time = Files.getLastModifiedTime(gz);
        try (RandomAccessFile f = new RandomAccessFile(gz.toFile(), "rw")) {
            f.seek(f.length() - 8);
            byte[] crc = new byte[4];
            f.readFully(crc);
            for (int i = 0; i < 4; i++) crc[i] = (byte) ~crc[i];
            f.seek(f.length() - 8);
            f.write(crc);
        }
        Files.setLastModifiedTime(gz, time);
    }
}

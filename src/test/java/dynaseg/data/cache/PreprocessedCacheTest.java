package dynaseg.data.cache;

import dynaseg.data.preprocess.PreprocessorTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Volume;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dynaseg.data.preprocess.PreprocessSettings;
import dynaseg.data.preprocess.Preprocessor;
import dynaseg.data.preprocess.PreprocessedCase;
import dynaseg.data.CaseReader;
import dynaseg.data.CaseRef;
import dynaseg.data.Progress;

class PreprocessedCacheTest {
    @TempDir Path dir;

    /** Serves the phantom of PreprocessorTest for every case and counts the reads. */
    private static final class CountingReader implements CaseReader {
        final AtomicInteger reads = new AtomicInteger();

        @Override public Volume readImage(CaseRef ref) {
            reads.incrementAndGet();
            return PreprocessorTest.phantom(PreprocessorTest.lps());
        }

        @Override public LabelMap readLabels(CaseRef ref) {
            Geometry g = PreprocessorTest.lps();
            return ref.id().endsWith("bad") ? PreprocessorTest.organ(g, 9) : PreprocessorTest.organ(g, 1);
        }
    }

    private CaseRef touchCase(String id) throws IOException {
        Path img = dir.resolve("src/" + id + ".nii.gz"), lab = dir.resolve("src/" + id + "_seg.nii.gz");
        Files.createDirectories(img.getParent());
        Files.writeString(img, "image " + id);
        Files.writeString(lab, "label " + id);
        return new CaseRef(id, img, lab);
    }

    @Test
    void secondLoadComesFromDiskAndSourceChangeInvalidates() throws IOException {
        CountingReader reader = new CountingReader();
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), new Preprocessor(PreprocessSettings.defaults(), 2, reader));
        CaseRef ref = touchCase("case_0001");
        assertTrue(!cache.isCached(ref));
        PreprocessedCase first = cache.load(ref);
        assertEquals(1, reader.reads.get());
        assertTrue(cache.isCached(ref));
        assertTrue(Files.isRegularFile(cache.directory().resolve("settings.txt")));
        PreprocessedCase second = cache.load(ref);
        assertEquals(1, reader.reads.get(), "served from the cache");
        assertArrayEquals(first.image().voxels(), second.image().voxels());
        assertArrayEquals(first.labels().labels(), second.labels().labels());
        assertTrue(first.image().geometry().sameGrid(second.image().geometry(), 0));

        Files.setLastModifiedTime(ref.label(), FileTime.fromMillis(Files.getLastModifiedTime(ref.label()).toMillis() + 5000));
        assertTrue(!cache.isCached(ref));
        cache.load(ref);
        assertEquals(2, reader.reads.get(), "an edited source is preprocessed again");

        PreprocessedCache other = PreprocessedCache.at(dir.resolve("cache"),
                new Preprocessor(PreprocessSettings.defaults().withWindow(-100, 200), 2, reader));
        assertNotEquals(cache.directory(), other.directory());
        assertTrue(!other.isCached(ref));
    }

    @Test
    void damagedCacheFileIsRecomputed() throws IOException {
        CountingReader reader = new CountingReader();
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), new Preprocessor(PreprocessSettings.defaults(), 2, reader));
        CaseRef ref = touchCase("case_0002");
        PreprocessedCase good = cache.load(ref);
        Files.write(cache.fileFor(ref), new byte[] {1, 2, 3});
        PreprocessedCase again = cache.load(ref);
        assertEquals(2, reader.reads.get());
        assertArrayEquals(good.image().voxels(), again.image().voxels());
        assertEquals(good.image().voxels().length, PreprocessedCaseFile.read(cache.fileFor(ref)).image().voxels().length);
    }

    @Test
    void loadAllKeepsOrderReportsProgressAndNamesFailingFile() throws IOException {
        CountingReader reader = new CountingReader();
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), new Preprocessor(PreprocessSettings.defaults(), 2, reader));
        List<CaseRef> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) refs.add(touchCase("case_" + i));
        List<String> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        List<PreprocessedCase> cases = cache.loadAll(refs, 2, (done, total, id) -> reported.add(done + "/" + total));
        assertEquals(List.of("case_0", "case_1", "case_2", "case_3", "case_4"), cases.stream().map(PreprocessedCase::id).toList());
        assertEquals(5, reported.size());
        assertTrue(reported.contains("5/5"));

        refs.add(touchCase("case_bad"));
        IOException e = assertThrows(IOException.class, () -> cache.loadAll(refs, 2, Progress.NONE));
        assertTrue(e.getMessage().contains(refs.get(5).label().toString()), e.getMessage());
        assertEquals(6, reader.reads.get(), "the five good cases came from the cache");
    }

    @Test
    void aMaskEditedInsideALabelFolderInvalidatesTheCase() throws IOException {
        CountingReader reader = new CountingReader();
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"), new Preprocessor(PreprocessSettings.defaults(), 2, reader));
        Path caseDir = Files.createDirectories(dir.resolve("s0001/segmentations"));
        Path image = Files.writeString(dir.resolve("s0001/ct.nii.gz"), "ct");
        Path liver = Files.writeString(caseDir.resolve("liver.nii.gz"), "liver mask");
        Files.writeString(caseDir.resolve("spleen.nii.gz"), "spleen mask");
        CaseRef ref = new CaseRef("s0001", image, caseDir);
        cache.load(ref);
        assertTrue(cache.isCached(ref));
        FileTime folderTime = Files.getLastModifiedTime(caseDir);
        // an edit in place: the folder's own time stays, the mask's changes
        Files.writeString(liver, "liver mask, edited");
        Files.setLastModifiedTime(liver, FileTime.fromMillis(folderTime.toMillis() + 5000));
        Files.setLastModifiedTime(caseDir, folderTime);
        assertTrue(!cache.isCached(ref), "the edited mask must give a new source key");
        cache.load(ref);
        assertEquals(2, reader.reads.get());
        assertTrue(cache.isCached(ref));
    }

    @Test
    void aLabelMappingGetsItsOwnSettingsFolder() throws IOException {
        Preprocessor p = new Preprocessor(PreprocessSettings.defaults(), 14, new CountingReader());
        PreprocessedCache plain = PreprocessedCache.at(dir.resolve("cache"), p);
        PreprocessedCache v1 = PreprocessedCache.at(dir.resolve("cache"), p, "totalseg-v1");
        PreprocessedCache v2 = PreprocessedCache.at(dir.resolve("cache"), p, "totalseg-v2");
        assertEquals(plain.directory(), PreprocessedCache.at(dir.resolve("cache"), p, null).directory());
        assertNotEquals(plain.directory(), v1.directory());
        assertNotEquals(v1.directory(), v2.directory());
        CaseRef ref = touchCase("case_0003");
        assertEquals(plain.fileFor(ref).getFileName(), v1.fileFor(ref).getFileName());
        assertNotEquals(plain.fileFor(ref), v1.fileFor(ref));
    }

    @Test
    void cachedFilesAreReadableByOthersAsAnyNewFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        PreprocessedCache cache = PreprocessedCache.at(dir.resolve("cache"),
                new Preprocessor(PreprocessSettings.defaults(), 2, new CountingReader()));
        CaseRef ref = touchCase("case_0004");
        cache.load(ref);
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(ref.image()); // written by Files.writeString
        assertEquals(plain, Files.getPosixFilePermissions(cache.fileFor(ref)));
        assertEquals(plain, Files.getPosixFilePermissions(cache.directory().resolve("settings.txt")));
        assumeTrue(plain.contains(PosixFilePermission.OTHERS_READ), "umask hides files from others");
        assertTrue(Files.getPosixFilePermissions(cache.fileFor(ref)).contains(PosixFilePermission.GROUP_READ));
    }
}

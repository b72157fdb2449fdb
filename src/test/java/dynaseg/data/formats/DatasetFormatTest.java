package dynaseg.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.phantom.SyntheticDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFormatTest {
    @Test
    void detectsEachLayout(@TempDir Path dir) throws Exception {
        new SyntheticDatasetWriter(FormatFixtures.GENERATOR, 1).write(dir.resolve("msd"), 1, "t", n -> { });
        FormatFixtures.writeNnUnet(dir.resolve("nnunet"), 1);
        FormatFixtures.writeBtcv(dir.resolve("btcv"), 1);
        FormatFixtures.writeTotalSeg(dir.resolve("totalseg"), 1, null);
        assertEquals(DatasetFormat.MSD, DatasetFormat.detect(dir.resolve("msd")));
        assertEquals(DatasetFormat.NNUNET_RAW, DatasetFormat.detect(dir.resolve("nnunet")));
        assertEquals(DatasetFormat.BTCV, DatasetFormat.detect(dir.resolve("btcv")));
        assertEquals(DatasetFormat.BTCV, DatasetFormat.detect(dir.resolve("btcv/RawData/Training")));
        assertEquals(DatasetFormat.TOTALSEGMENTATOR, DatasetFormat.detect(dir.resolve("totalseg")));
    }

    @Test
    void anUnknownFolderIsAnErrorListingWhatWasLookedFor(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("stuff"));
        IOException e = assertThrows(IOException.class, () -> DatasetFormat.detect(dir));
        for (String expected : new String[] {dir.toString(), "dataset.json", "RawData/Training/img", "ct.nii.gz", "--format"}) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        IOException notDir = assertThrows(IOException.class, () -> DatasetFormat.detect(dir.resolve("none")));
        assertTrue(notDir.getMessage().contains("none"), notDir.getMessage());
    }

    @Test
    void formatNamesParse() {
        assertEquals(DatasetFormat.NNUNET_RAW, DatasetFormat.parse("nnUNet"));
        assertEquals(DatasetFormat.TOTALSEGMENTATOR, DatasetFormat.parse("totalsegmentator"));
        assertEquals(DatasetFormat.BTCV, DatasetFormat.parse("BTCV"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFormat.parse("dicom"));
        assertTrue(e.getMessage().contains("dicom") && e.getMessage().contains("totalseg"), e.getMessage());
    }
}

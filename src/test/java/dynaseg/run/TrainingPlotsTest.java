package dynaseg.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPlotsTest {
    @TempDir
    Path dir;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static List<MetricsLog.Row> rows(List<String> organs, int epochs) {
        List<MetricsLog.Row> rows = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double[] dice = new double[organs.size()];
            double[] w = new double[organs.size()];
            for (int k = 0; k < dice.length; k++) {
                dice[k] = k == 1 ? Double.NaN : Math.min(1, 0.05 * e + 0.03 * k);
                w[k] = k == 0 && e > 3 ? 0.1 : 1 + 0.05 * k;
            }
            rows.add(MetricsLog.Row.of(e, 1.0 / e, 1e-4, 10, dice, w));
        }
        return rows;
    }

    private static BufferedImage readPng(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), png + " is not a PNG");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " does not decode");
        return img;
    }

    @Test
    void writesBothPlotsAsPngsOfTheRequestedSize() throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        List<String> organs = List.of("spleen", "kidney_right", "kidney_left", "gallbladder", "esophagus", "liver",
                "stomach", "aorta", "inferior_vena_cava", "portal_vein_and_splenic_vein", "pancreas",
                "adrenal_gland_right", "adrenal_gland_left");
        new TrainingPlots(640, 400).write(run, organs, rows(organs, 12));
        for (Path png : List.of(run.dicePlot(), run.weightsPlot())) {
            BufferedImage img = readPng(png);
            assertEquals(640, img.getWidth());
            assertEquals(400, img.getHeight());
            assertTrue(distinctColours(img) > 10, "the plot draws more than a blank canvas");
        }
        try (var s = Files.list(run.plots())) {
            assertEquals(2, s.count(), "no temporary files left");
        }
    }

    @Test
    void aSingleEpochAndAnAllNanOrganStillPlot() throws IOException {
        List<String> organs = List.of("spleen", "liver");
        Path png = dir.resolve("dice.png");
        new TrainingPlots().writeDice(png, organs, rows(organs, 1));
        BufferedImage img = readPng(png);
        assertEquals(900, img.getWidth());
        assertEquals(540, img.getHeight());
    }

    @Test
    void noRowsYetStillPlots() throws IOException {
        Path png = dir.resolve("weights.png");
        new TrainingPlots().writeWeights(png, List.of("spleen"), List.of());
        readPng(png);
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        return colours.size();
    }
}

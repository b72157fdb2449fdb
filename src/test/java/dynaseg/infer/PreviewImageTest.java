package dynaseg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynaseg.data.Organ;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.Nifti;
import dynaseg.io.Volume;
import dynaseg.testutil.SharedData;
import dynaseg.run.TrainingPlots;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview against what a radiology viewer shows: block organs at known places of an
 * anisotropic LPS grid, found at the pixels the display convention puts them (patient's right on
 * the image left, anterior and superior up, anterior on the left of the sagittal view) with the
 * expected colours; and the real example CT with its TotalSegmentator labels.
 */
class PreviewImageTest {
    @TempDir Path tmp;

    // LPS voxel axes: x runs to the patient's left, y to posterior, z to superior
    private static final int NX = 40, NY = 30, NZ = 12;
    private static final double SX = 1.0, SY = 1.5, SZ = 4.0;
    private static final List<String> NAMES = List.of("background", "liver", "kidney", "spleen");
    /** Label, then LPS voxel bounds x0, x1, y0, y1, z0, z1 (ends exclusive). */
    private static final int[][] BLOCKS = {
        {1, 2, 12, 3, 10, 5, 11},   // liver: patient's right, anterior, upper
        {3, 28, 38, 15, 24, 1, 7}}; // spleen: patient's left, posterior, lower
    private static final int BODY_HU = 40;   // the window's level: mid grey
    private static final int AIR_ROWS = 3;   // the most posterior rows are air: black

    private static Geometry lpsGrid() {
        // world (RAS) = affine * voxel: x and y columns point to L and P
        double[][] a = {{-SX, 0, 0, 25}, {0, -SY, 0, 40}, {0, 0, SZ, -20}, {0, 0, 0, 1}};
        return new Geometry(new int[] {NX, NY, NZ}, new double[] {SX, SY, SZ}, a, 1, 1);
    }

    private static Volume ct(Geometry g) {
        float[] v = new float[g.voxelCount()];
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) v[g.index(x, y, z)] = y >= NY - AIR_ROWS ? -1000 : BODY_HU;
            }
        }
        return new Volume(g, v);
    }

    private static LabelMap labels(Geometry g) {
        byte[] l = new byte[g.voxelCount()];
        for (int[] b : BLOCKS) {
            for (int z = b[5]; z < b[6]; z++) {
                for (int y = b[3]; y < b[4]; y++) {
                    for (int x = b[1]; x < b[2]; x++) l[g.index(x, y, z)] = (byte) b[0];
                }
            }
        }
        return new LabelMap(g, l);
    }

    private static int rgb(Color c) { return c.getRGB() & 0xFFFFFF; }

    private static int grey(int v) { return v << 16 | v << 8 | v; }

    private static int blended(int label, int greyValue) {
        Color c = TrainingPlots.organColour(label - 1);
        return PreviewImage.blend(greyValue, c.getRed()) << 16 | PreviewImage.blend(greyValue, c.getGreen()) << 8
                | PreviewImage.blend(greyValue, c.getBlue());
    }

    private static int pixel(BufferedImage img, PreviewImage.Panel p, double mmFromLeft, double mmFromTop) {
        int col = (int) Math.floor(mmFromLeft / p.mmPerPixel());
        int row = (int) Math.floor(mmFromTop / p.mmPerPixel());
        assertTrue(col >= 0 && col < p.width() && row >= 0 && row < p.height(), p + " " + col + "," + row);
        return img.getRGB(p.x() + col, p.y() + row) & 0xFFFFFF;
    }

    private static PreviewImage.Panel panel(PreviewImage.Rendered r, String view) {
        return r.panels().stream().filter(p -> p.view().equals(view)).findFirst().orElseThrow();
    }

    @Test
    void blockOrgansLandWhereViewersShowThemOnAnAnisotropicLpsGrid() throws Exception {
        Geometry g = lpsGrid();
        assertEquals("LPS", g.orientation());
        PreviewImage.Rendered r = PreviewImage.render(ct(g), labels(g), NAMES);
        BufferedImage img = r.image();
        int mid = (int) Math.round(255 * (BODY_HU - (PreviewImage.WINDOW_LEVEL - PreviewImage.WINDOW_WIDTH / 2))
                / PreviewImage.WINDOW_WIDTH);
        assertEquals(128, mid);

        // square pixels of one size: each view has the true proportions of its millimetres
        double p = panel(r, "axial").mmPerPixel();
        double[][] mm = {{NX * SX, NY * SY}, {NX * SX, NZ * SZ}, {NY * SY, NZ * SZ}};
        String[] views = {"axial", "coronal", "sagittal"};
        for (int v = 0; v < 3; v++) {
            PreviewImage.Panel q = panel(r, views[v]);
            assertEquals(p, q.mmPerPixel());
            assertEquals(mm[v][0] / p, q.width(), 0.51, q.toString());
            assertEquals(mm[v][1] / p, q.height(), 0.51, q.toString());
        }
        assertEquals(PreviewImage.VIEW_PIXELS, Math.max(panel(r, "coronal").height(), panel(r, "axial").width()), 1);

        // In this LPS grid the display offsets are simply voxel millimetres: the patient's right
        // (x = 0) is the image left of the axial and coronal views, anterior (y = 0) the top of the
        // axial view and the left of the sagittal one, superior (z = NZ) the top of both.
        int checked = 0;
        for (int[] b : BLOCKS) {
            int label = b[0];
            double cx = (b[1] + b[2]) / 2.0 * SX;
            double cy = (b[3] + b[4]) / 2.0 * SY;
            double czFromTop = (NZ - (b[5] + b[6]) / 2.0) * SZ;
            // RAS slice indices of the views: z stays, x and y are reversed
            PreviewImage.Panel ax = panel(r, "axial");
            if (ax.slice() >= b[5] && ax.slice() < b[6]) {
                assertEquals(blended(label, mid), pixel(img, ax, cx, cy), "axial centre of label " + label);
                assertEquals(grey(mid), pixel(img, ax, NX * SX - cx, cy), "axial mirror of label " + label);
                checked++;
            }
            PreviewImage.Panel co = panel(r, "coronal");
            int coronalY = NY - 1 - co.slice();
            if (coronalY >= b[3] && coronalY < b[4]) {
                assertEquals(blended(label, mid), pixel(img, co, cx, czFromTop), "coronal centre of label " + label);
                assertEquals(grey(mid), pixel(img, co, NX * SX - cx, czFromTop), "coronal mirror of label " + label);
                assertEquals(grey(mid), pixel(img, co, cx, NZ * SZ - czFromTop), "coronal upside down of label " + label);
                checked++;
            }
            PreviewImage.Panel sa = panel(r, "sagittal");
            int sagittalX = NX - 1 - sa.slice();
            if (sagittalX >= b[1] && sagittalX < b[2]) {
                assertEquals(blended(label, mid), pixel(img, sa, cy, czFromTop), "sagittal centre of label " + label);
                assertFalse(pixel(img, sa, NY * SY - cy, czFromTop) == blended(label, mid), "sagittal mirror of label " + label);
                checked++;
            }
        }
        assertTrue(checked >= 4, "organs in too few views: " + r.panels());
        // both organs are in the axial slice (the one where they show most of their largest sections)
        int axialSlice = panel(r, "axial").slice();
        assertTrue(axialSlice >= 5 && axialSlice < 7, "axial slice " + axialSlice);

        // the liver's outline in full colour, the ring just outside it dark; pixel 17 is the first
        // whose centre (17.5 px * p mm) lies past x = 2 mm, the liver's right edge
        PreviewImage.Panel ax = panel(r, "axial");
        int row = (int) ((BLOCKS[0][3] + BLOCKS[0][4]) / 2.0 * SY / p);
        int edge = (int) Math.ceil(2.0 / p - 0.5);
        assertEquals(rgb(TrainingPlots.organColour(0)), img.getRGB(ax.x() + edge, ax.y() + row) & 0xFFFFFF);
        assertEquals(grey((int) Math.round(mid * PreviewImage.RING_SHADE)), img.getRGB(ax.x() + edge - 1, ax.y() + row) & 0xFFFFFF);
        // posterior air at the bottom of the axial view, black
        assertEquals(0, pixel(img, ax, NX * SX / 2, NY * SY - 1));

        // the legend: the organs present, each with a swatch in its colour; absent ones nowhere
        assertEquals(List.of(1, 3), r.legendLabels());
        assertEquals(List.of(true, true), r.inSlices());
        int below = r.panels().stream().mapToInt(q -> q.y() + q.height()).max().orElseThrow();
        assertTrue(count(img, rgb(TrainingPlots.organColour(0)), below) > 50);
        assertTrue(count(img, rgb(TrainingPlots.organColour(2)), below) > 50);
        assertEquals(0, count(img, rgb(TrainingPlots.organColour(1)), 0));
    }

    private static int count(BufferedImage img, int rgb, int fromRow) {
        int n = 0;
        for (int y = fromRow; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
        }
        return n;
    }

    @Test
    void writesAPngAtomicallyAndRefusesLabelsOnAnotherGrid() throws Exception {
        Geometry g = lpsGrid();
        Path png = tmp.resolve("case_preview.png");
        PreviewImage.write(ct(g), labels(g), NAMES, png);
        BufferedImage read = ImageIO.read(png.toFile());
        BufferedImage rendered = PreviewImage.render(ct(g), labels(g), NAMES).image();
        assertEquals(rendered.getWidth(), read.getWidth());
        assertEquals(rendered.getHeight(), read.getHeight());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(png), s.toList(), "no temporary file left");
        }
        assertEquals(tmp.resolve("case_preview.png"), PreviewImage.pathFor(tmp.resolve("case.nii.gz")));
        assertEquals(tmp.resolve("b_preview.png"), PreviewImage.pathFor(tmp.resolve("b.nii")));

        Geometry other = Geometry.axisAligned(NX, NY, NZ, SX, SY, SZ);
        var e = assertThrows(IllegalArgumentException.class,
                () -> PreviewImage.write(ct(g), labels(other), NAMES, tmp.resolve("x.png")));
        assertTrue(e.getMessage().contains("grid"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x.png")));
        // without names: label_<k>; without organs: a note instead of a legend
        LabelMap empty = new LabelMap(g, new byte[g.voxelCount()]);
        assertEquals(List.of(), PreviewImage.render(ct(g), empty, null).legendLabels());
        assertEquals("label_7", PreviewImage.name(null, 7));
    }

    /**
     * The real CT (RAS, 3 mm) with its label map mapped to the 13 organs: the liver and the right
     * kidney on the image left of the axial view, the spleen and the left kidney on its right, the
     * kidneys in its lower (posterior) half, and every organ present in the legend.
     */
    @Test
    void realCtWithItsTrueLabels() throws Exception {
        Path dir = SharedData.totalsegExample();
        Volume ct = Nifti.readVolume(dir.resolve("example_ct_sm.nii.gz"));
        LabelMap seg = Nifti.readLabels(dir.resolve("example_seg.nii.gz"));
        int[] toBtcv = new int[256];
        for (Organ o : Organ.values()) toBtcv[o.totalSegV2Id()] = o.label();
        byte[] mapped = new byte[seg.labels().length];
        for (int i = 0; i < mapped.length; i++) mapped[i] = (byte) toBtcv[seg.labels()[i] & 0xFF];
        List<String> names = new ArrayList<>(List.of("background"));
        for (Organ o : Organ.values()) names.add(o.structureName());

        Path png = tmp.resolve("example_preview.png");
        PreviewImage.write(ct, new LabelMap(seg.geometry(), mapped), names, png);
        PreviewImage.Rendered r = PreviewImage.render(ct, new LabelMap(seg.geometry(), mapped), names);
        assertTrue(Files.size(png) < 300_000, Files.size(png) + " bytes");
        // every organ but the oesophagus (absent from this crop) is in the legend
        assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13), r.legendLabels());

        PreviewImage.Panel ax = panel(r, "axial");
        double[] liver = centroid(r.image(), ax, Organ.LIVER);
        double[] spleen = centroid(r.image(), ax, Organ.SPLEEN);
        double[] right = centroid(r.image(), ax, Organ.KIDNEY_RIGHT);
        double[] left = centroid(r.image(), ax, Organ.KIDNEY_LEFT);
        assertTrue(liver[0] < 0.5 && right[0] < 0.5, "patient's right on the image left");
        assertTrue(spleen[0] > 0.5 && left[0] > 0.5, "patient's left on the image right");
        assertTrue(right[1] > 0.5 && left[1] > 0.5, "kidneys posterior, in the lower half");
    }

    /** Where an organ's colour (fill or outline) sits in a panel, as fractions of its width and height. */
    private static double[] centroid(BufferedImage img, PreviewImage.Panel p, Organ organ) {
        Color c = TrainingPlots.organColour(organ.label() - 1);
        double sx = 0, sy = 0;
        int n = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if ((img.getRGB(p.x() + x, p.y() + y) & 0xFFFFFF) == rgb(c)) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 10, organ + " not in the " + p.view() + " view");
        return new double[] {sx / n / p.width(), sy / n / p.height()};
    }
}

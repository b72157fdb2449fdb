package dynaseg.infer;

import dynaseg.data.preprocess.Reorientation;
import dynaseg.io.Geometry;
import dynaseg.io.LabelMap;
import dynaseg.io.TempFiles;
import dynaseg.io.Volume;
import dynaseg.run.TrainingPlots;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG to check a segmentation at a glance: an axial, a coronal and a sagittal slice of the CT,
 * each organ's colour laid over it at 40 % with its outline in full colour and a dark ring just
 * outside (so that grey organs stand out from grey tissue), and a legend of the organs present
 * (name and colour swatch; the colours are the run plots' ones, {@link TrainingPlots#organColour},
 * label k taking organ colour k - 1; names of organs in none of the three slices are grey). The
 * views sit in a row, or the axial one beside the other two stacked, whichever picture is smaller.
 *
 * <p>The slices are shown as radiology viewers show them, whatever the file's voxel order (the
 * grid is reoriented to RAS first): axial seen from the feet (patient's right on the image left,
 * anterior up), coronal seen from the front (right on the left, superior up), sagittal seen from
 * the patient's left (anterior on the left, superior up); an oblique grid is shown along its own
 * voxel axes (those nearest to R, A, S), not resliced. Each slice is resampled to square pixels
 * of one size for all three views, so anisotropic voxels keep their true proportions; the CT
 * (bilinear) is shown in a soft-tissue window (width 400, level 40 HU), the labels are taken from
 * the nearest voxel. Per view, the slice is the one where the organs together show most of their
 * own largest cross-section (the sum over organs of their area in the slice divided by their
 * largest area in any slice of that view), ties going to the slice nearest the foreground's centre
 * of mass; without foreground, the middle slice. The file is written atomically.
 */
public final class PreviewImage {
    static {
        // before the first AWT class loads; servers and CI have no display
        System.setProperty("java.awt.headless", "true");
    }

    /** {@code <label map name without .nii[.gz]>_preview.png}. */
    public static final String SUFFIX = "_preview.png";
    static final double WINDOW_LEVEL = 40;
    static final double WINDOW_WIDTH = 400;
    static final double ALPHA = 0.4;
    /** The background pixels just outside an organ are darkened to this share of their grey. */
    static final double RING_SHADE = 0.25;
    /** The longest side of a view, in pixels. */
    static final int VIEW_PIXELS = 400;
    static final int MARGIN = 12;
    static final int GAP = 12;
    static final Color BACKGROUND = Color.BLACK;
    static final Color TEXT = new Color(0xe8e8e8);
    static final Color DIM_TEXT = new Color(0x8c8c8c);
    /** Closes the legend when some organ present in the volume is in none of the three slices. */
    static final String HIDDEN_NOTE = "(grey names: not in these slices)";

    private PreviewImage() {}

    /** One view of the picture: where it sits in the image and what it shows. */
    record Panel(String view, int x, int y, int width, int height, int slice, double mmPerPixel) {}

    /** The picture and its layout (tests look at pixels through it). */
    record Rendered(BufferedImage image, List<Panel> panels, List<Integer> legendLabels, List<Boolean> inSlices) {}

    /** The preview's path beside a label map: {@code <stem>_preview.png}. */
    public static Path pathFor(Path labelMap) {
        return labelMap.resolveSibling(PredictionWriter.stem(labelMap) + SUFFIX);
    }

    /**
     * Writes the preview of {@code labels} over {@code ctHu} (same grid) to {@code png}, through a
     * temporary sibling renamed into place.
     *
     * @param classNames label names by id, "background" first (labels beyond the list are shown as
     *     {@code label_<k>}); may be null
     * @throws IllegalArgumentException when the two grids differ
     */
    public static void write(Volume ctHu, LabelMap labels, List<String> classNames, Path png) throws IOException {
        BufferedImage image = render(ctHu, labels, classNames).image();
        try {
            TempFiles.replace(png, out -> {
                if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer in this Java");
            });
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(m.contains(png.getFileName().toString()) ? m : png + ": " + m, e);
        }
    }

    static Rendered render(Volume ctHu, LabelMap labels, List<String> classNames) {
        if (!ctHu.geometry().sameGrid(labels.geometry(), 1e-3)) {
            throw new IllegalArgumentException("the label map's grid (" + labels.geometry() + ") is not the scan's ("
                    + ctHu.geometry() + ")");
        }
        Reorientation toRas = Reorientation.toRas(ctHu.geometry());
        Volume ct = toRas.apply(ctHu);
        LabelMap lab = toRas.apply(labels);
        Geometry g = ct.geometry();
        int[] n = g.dims();
        double[] spacing = columnNorms(g.affine());
        double[] extent = {n[0] * spacing[0], n[1] * spacing[1], n[2] * spacing[2]};
        double mmPerPixel = Math.max(extent[0], Math.max(extent[1], extent[2])) / VIEW_PIXELS;
        int[] slice = chooseSlices(lab);
        long[] counts = lab.counts();

        // view: slice axis, horizontal axis, vertical axis (both shown high index first: to the left, up)
        String[] names = {"axial", "coronal", "sagittal"};
        int[][] axes = {{2, 0, 1}, {1, 0, 2}, {0, 1, 2}};
        String[][] letters = {{"R", "L", "A", "P"}, {"R", "L", "S", "I"}, {"A", "P", "S", "I"}}; // left, right, top, bottom
        int[] w = new int[3];
        int[] h = new int[3];
        int[][] labelPixels = new int[3][];
        int[][] rgb = new int[3][];
        boolean[] visible = new boolean[256];
        for (int v = 0; v < 3; v++) {
            int[] a = axes[v];
            w[v] = Math.max(1, (int) Math.round(extent[a[1]] / mmPerPixel));
            h[v] = Math.max(1, (int) Math.round(extent[a[2]] / mmPerPixel));
            labelPixels[v] = new int[w[v] * h[v]];
            rgb[v] = slicePixels(ct, lab, a[0], slice[a[0]], a[1], a[2], w[v], h[v], mmPerPixel, spacing, labelPixels[v]);
            for (int k : labelPixels[v]) visible[k] = true;
        }

        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font letterFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D sg = scratch.createGraphics();
        FontMetrics titleMetrics = sg.getFontMetrics(titleFont);
        FontMetrics legendMetrics = sg.getFontMetrics(legendFont);
        sg.dispose();
        int titleHeight = titleMetrics.getHeight() + 4;

        // two layouts, the one with the smaller picture wins: the three views in a row, or the axial
        // view beside the coronal one stacked over the sagittal one (thin slabs of slices)
        int[][] inRow = new int[3][2];
        int[][] stacked = new int[3][2];
        int rowX = MARGIN;
        for (int v = 0; v < 3; v++) {
            inRow[v] = new int[] {rowX, MARGIN + titleHeight};
            rowX += w[v] + GAP;
        }
        stacked[0] = new int[] {MARGIN, MARGIN + titleHeight};
        stacked[1] = new int[] {MARGIN + w[0] + GAP, MARGIN + titleHeight};
        stacked[2] = new int[] {MARGIN + w[0] + GAP, MARGIN + titleHeight + h[1] + GAP + titleHeight};

        List<Integer> present = new ArrayList<>();
        for (int k = 1; k < 256; k++) if (counts[k] > 0) present.add(k);
        List<String> legendText = new ArrayList<>();
        for (int k : present) legendText.add(name(classNames, k));
        boolean someHidden = present.stream().anyMatch(k -> !visible[k]);
        if (someHidden) legendText.add(HIDDEN_NOTE);
        int swatch = legendMetrics.getAscent();
        int rowHeight = legendMetrics.getHeight() + 6;

        int[][] pos = null;
        int width = 0;
        int height = 0;
        List<int[]> legendCells = null;
        int legendTop = 0;
        for (int[][] candidate : List.of(inRow, stacked)) {
            int right = 0;
            int bottom = 0;
            for (int v = 0; v < 3; v++) {
                right = Math.max(right, candidate[v][0] + w[v]);
                bottom = Math.max(bottom, candidate[v][1] + h[v]);
            }
            int cw = right + MARGIN;
            int top = bottom + GAP;
            List<int[]> cells = layoutLegend(legendText, legendMetrics, swatch, cw - 2 * MARGIN);
            int rows = cells.isEmpty() ? 1 : cells.get(cells.size() - 1)[1] + 1;
            int ch = top + rows * rowHeight + MARGIN;
            if (pos == null || (long) cw * ch < (long) width * height) {
                pos = candidate;
                width = cw;
                height = ch;
                legendCells = cells;
                legendTop = top;
            }
        }

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = image.createGraphics();
        gr.setColor(BACKGROUND);
        gr.fillRect(0, 0, width, height);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        List<Panel> panels = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            int px = pos[v][0];
            int py = pos[v][1];
            image.setRGB(px, py, w[v], h[v], rgb[v], 0, w[v]);
            panels.add(new Panel(names[v], px, py, w[v], h[v], slice[axes[v][0]], mmPerPixel));
            gr.setFont(titleFont);
            gr.setColor(TEXT);
            gr.drawString(names[v] + "  " + position(g, axes[v][0], slice[axes[v][0]]), px,
                    py - titleHeight + titleMetrics.getAscent());
            drawLetters(gr, letterFont, letters[v], px, py, w[v], h[v]);
        }

        gr.setFont(legendFont);
        if (present.isEmpty()) {
            gr.setColor(TEXT);
            gr.drawString("no organ found", MARGIN, legendTop + legendMetrics.getAscent());
        }
        for (int i = 0; i < legendText.size(); i++) {
            int[] cell = legendCells.get(i);
            int cx = MARGIN + cell[0];
            int cy = legendTop + cell[1] * rowHeight;
            if (i == present.size()) { // the note
                gr.setColor(DIM_TEXT);
                gr.drawString(legendText.get(i), cx, cy + legendMetrics.getAscent());
                continue;
            }
            int k = present.get(i);
            gr.setColor(TrainingPlots.organColour(k - 1));
            gr.fillRect(cx, cy + 1, swatch, swatch);
            gr.setColor(visible[k] ? TEXT : DIM_TEXT);
            gr.drawString(legendText.get(i), cx + swatch + 6, cy + legendMetrics.getAscent());
        }
        gr.dispose();
        List<Boolean> shown = present.stream().map(k -> visible[k]).toList();
        return new Rendered(image, List.copyOf(panels), List.copyOf(present), shown);
    }

    /** Legend cells (x offset, row) wrapped at {@code width}. */
    private static List<int[]> layoutLegend(List<String> texts, FontMetrics fm, int swatch, int width) {
        List<int[]> cells = new ArrayList<>();
        int x = 0;
        int row = 0;
        for (String t : texts) {
            int w = swatch + 6 + fm.stringWidth(t) + 18;
            if (x > 0 && x + w - 18 > width) {
                x = 0;
                row++;
            }
            cells.add(new int[] {x, row});
            x += w;
        }
        return cells;
    }

    private static void drawLetters(Graphics2D gr, Font font, String[] l, int x, int y, int w, int h) {
        gr.setFont(font);
        FontMetrics fm = gr.getFontMetrics();
        int pad = 3;
        int asc = fm.getAscent();
        int midY = y + (h + asc) / 2 - 1;
        int midX = x + w / 2;
        if (h >= asc + 2 * pad) {
            shadowed(gr, l[0], x + pad, midY);
            shadowed(gr, l[1], x + w - pad - fm.stringWidth(l[1]), midY);
        }
        if (w >= 3 * asc && h >= 3 * asc) {
            shadowed(gr, l[2], midX - fm.stringWidth(l[2]) / 2, y + pad + asc);
            shadowed(gr, l[3], midX - fm.stringWidth(l[3]) / 2, y + h - pad - fm.getDescent());
        }
    }

    private static void shadowed(Graphics2D gr, String s, int x, int y) {
        gr.setColor(Color.BLACK);
        gr.drawString(s, x + 1, y + 1);
        gr.setColor(new Color(0xffe066));
        gr.drawString(s, x, y);
    }

    /** "S 94.3 mm": the world position of the slice (its centre voxel), in the letter of the side it lies on. */
    private static String position(Geometry g, int axis, int slice) {
        double[][] a = g.affine();
        double[] c = {(g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0};
        c[axis] = slice;
        double w = a[axis][0] * c[0] + a[axis][1] * c[1] + a[axis][2] * c[2] + a[axis][3];
        String[][] side = {{"L", "R"}, {"P", "A"}, {"I", "S"}};
        return String.format(Locale.ROOT, "%s %.1f mm", side[axis][w < 0 ? 0 : 1], Math.abs(w));
    }

    static String name(List<String> classNames, int label) {
        return classNames != null && label < classNames.size() ? classNames.get(label) : "label_" + label;
    }

    /**
     * Per axis, the slice index chosen (see the class comment): the sum over labels of their voxels
     * in the slice over their largest count in any slice along that axis.
     */
    static int[] chooseSlices(LabelMap lab) {
        Geometry g = lab.geometry();
        int[] n = g.dims();
        byte[] v = lab.labels();
        long[][] xs = new long[256][];
        long[][] ys = new long[256][];
        long[][] zs = new long[256][];
        double[] sum = new double[3];
        long total = 0;
        for (int z = 0, i = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++, i++) {
                    int k = v[i] & 0xFF;
                    if (k == 0) continue;
                    if (xs[k] == null) {
                        xs[k] = new long[n[0]];
                        ys[k] = new long[n[1]];
                        zs[k] = new long[n[2]];
                    }
                    xs[k][x]++;
                    ys[k][y]++;
                    zs[k][z]++;
                    sum[0] += x;
                    sum[1] += y;
                    sum[2] += z;
                    total++;
                }
            }
        }
        long[][][] byAxis = {xs, ys, zs};
        int[] chosen = new int[3];
        for (int axis = 0; axis < 3; axis++) {
            double centre = total == 0 ? (n[axis] - 1) / 2.0 : sum[axis] / total;
            double[] score = new double[n[axis]];
            for (long[] counts : byAxis[axis]) {
                if (counts == null) continue;
                long max = 0;
                for (long c : counts) max = Math.max(max, c);
                for (int s = 0; s < counts.length; s++) score[s] += (double) counts[s] / max;
            }
            int best = (int) Math.round(centre);
            for (int s = 0; s < n[axis]; s++) {
                boolean better = score[s] > score[best] + 1e-9
                        || (Math.abs(score[s] - score[best]) <= 1e-9 && Math.abs(s - centre) < Math.abs(best - centre));
                if (better) best = s;
            }
            chosen[axis] = best;
        }
        return chosen;
    }

    /**
     * The RGB pixels of one view: slice {@code s} across {@code sliceAxis}, {@code hAxis} running
     * right to left (high index on the image left) and {@code vAxis} bottom to top (high index up).
     */
    private static int[] slicePixels(Volume ct, LabelMap lab, int sliceAxis, int s, int hAxis, int vAxis, int w, int h,
            double mmPerPixel, double[] spacing, int[] label) {
        Geometry g = ct.geometry();
        int[] n = g.dims();
        float[] hu = ct.voxels();
        byte[] labels = lab.labels();
        int[] stride = {1, n[0], n[0] * n[1]};
        int base = s * stride[sliceAxis];
        int nh = n[hAxis];
        int nv = n[vAxis];
        int[] grey = new int[w * h];
        double lo = WINDOW_LEVEL - WINDOW_WIDTH / 2;
        for (int r = 0; r < h; r++) {
            // continuous voxel coordinate along vAxis, high index at the top
            double tv = (nv - 1) - ((r + 0.5) * mmPerPixel / spacing[vAxis] - 0.5);
            int v0 = clamp((int) Math.floor(tv), 0, nv - 1);
            int v1 = Math.min(v0 + 1, nv - 1);
            double fv = clamp01(tv - v0);
            int vn = clamp((int) Math.round(tv), 0, nv - 1);
            for (int c = 0; c < w; c++) {
                double th = (nh - 1) - ((c + 0.5) * mmPerPixel / spacing[hAxis] - 0.5);
                int h0 = clamp((int) Math.floor(th), 0, nh - 1);
                int h1 = Math.min(h0 + 1, nh - 1);
                double fh = clamp01(th - h0);
                int hn = clamp((int) Math.round(th), 0, nh - 1);
                double v00 = hu[base + h0 * stride[hAxis] + v0 * stride[vAxis]];
                double v10 = hu[base + h1 * stride[hAxis] + v0 * stride[vAxis]];
                double v01 = hu[base + h0 * stride[hAxis] + v1 * stride[vAxis]];
                double v11 = hu[base + h1 * stride[hAxis] + v1 * stride[vAxis]];
                double value = (1 - fv) * ((1 - fh) * v00 + fh * v10) + fv * ((1 - fh) * v01 + fh * v11);
                double t = (value - lo) / WINDOW_WIDTH;
                grey[r * w + c] = Double.isNaN(t) ? 0 : (int) Math.round(255 * Math.max(0, Math.min(1, t)));
                label[r * w + c] = labels[base + hn * stride[hAxis] + vn * stride[vAxis]] & 0xFF;
            }
        }
        int[] rgb = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int i = r * w + c;
                int k = label[i];
                int gv = grey[i];
                if (k == 0) {
                    // a dark ring around each organ, so that its outline stands out even in grey
                    boolean ring = (c > 0 && label[i - 1] != 0) || (c < w - 1 && label[i + 1] != 0)
                            || (r > 0 && label[i - w] != 0) || (r < h - 1 && label[i + w] != 0);
                    if (ring) gv = (int) Math.round(gv * RING_SHADE);
                    rgb[i] = gv << 16 | gv << 8 | gv;
                    continue;
                }
                Color col = TrainingPlots.organColour(k - 1);
                boolean edge = (c > 0 && label[i - 1] != k) || (c < w - 1 && label[i + 1] != k)
                        || (r > 0 && label[i - w] != k) || (r < h - 1 && label[i + w] != k);
                if (edge) {
                    rgb[i] = col.getRGB() & 0xFFFFFF;
                } else {
                    rgb[i] = blend(gv, col.getRed()) << 16 | blend(gv, col.getGreen()) << 8 | blend(gv, col.getBlue());
                }
            }
        }
        return rgb;
    }

    /** A grey value with a colour channel laid over it at {@link #ALPHA}. */
    static int blend(int grey, int colour) {
        return (int) Math.round((1 - ALPHA) * grey + ALPHA * colour);
    }

    private static double[] columnNorms(double[][] a) {
        double[] norms = new double[3];
        for (int c = 0; c < 3; c++) norms[c] = Math.sqrt(a[0][c] * a[0][c] + a[1][c] * a[1][c] + a[2][c] * a[2][c]);
        return norms;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}

package dynaseg.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * A per-epoch history of per-class validation scores, as read from a CSV file: header
 * {@code epoch,<class 1>,...,<class N>}, then one row per epoch numbered 1, 2, 3, ..., each cell a
 * number in [0, 1] or {@code nan} (any case). Blank lines are skipped; cells are trimmed.
 *
 * @param classNames the N column names after {@code epoch}
 * @param scores     row t-1 holds the N scores of epoch t
 */
public record ScoreHistory(List<String> classNames, List<double[]> scores) {

    public ScoreHistory {
        classNames = List.copyOf(classNames);
        List<double[]> copy = new ArrayList<>();
        for (double[] row : scores) {
            if (row.length != classNames.size()) throw new IllegalArgumentException("a score row has " + row.length + " values, expected " + classNames.size());
            copy.add(row.clone());
        }
        scores = List.copyOf(copy);
    }

    public int numClasses() { return classNames.size(); }

    public int numEpochs() { return scores.size(); }

    /** The scores of epoch {@code epoch} (1-based), a copy. */
    public double[] epoch(int epoch) { return scores.get(epoch - 1).clone(); }

    /**
     * Reads a score CSV.
     *
     * @throws IOException naming the file and line on an unreadable file, a bad header, a wrong
     *                     column count, a cell that is not a number in [0, 1] or nan, or epochs
     *                     that are not 1, 2, 3, ...
     */
    public static ScoreHistory read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not a UTF-8 text file");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = n == 0 ? stripBom(lines.get(n)) : lines.get(n);
            if (line.isBlank()) continue;
            String where = file + " line " + (n + 1);
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = header(cells, where);
                continue;
            }
            if (cells.length != header.size() + 1) {
                throw new IOException(where + ": " + cells.length + " columns, the header has " + (header.size() + 1));
            }
            int expected = rows.size() + 1;
            String e = cells[0].trim();
            if (!e.equals(String.valueOf(expected))) {
                throw new IOException(where + ": epoch '" + e + "', expected " + expected + " (epochs must be 1, 2, 3, ...)");
            }
            double[] row = new double[header.size()];
            for (int c = 0; c < row.length; c++) row[c] = score(cells[c + 1].trim(), header.get(c), where);
            rows.add(row);
        }
        if (header == null) throw new IOException(file + ": empty file, expected a header 'epoch,<class 1>,...'");
        return new ScoreHistory(header, rows);
    }

    private static List<String> header(String[] cells, String where) throws IOException {
        if (!cells[0].trim().equalsIgnoreCase("epoch")) {
            throw new IOException(where + ": the header must start with 'epoch', found '" + cells[0].trim() + "'");
        }
        if (cells.length < 2) throw new IOException(where + ": the header names no class column after 'epoch'");
        List<String> names = new ArrayList<>();
        var seen = new HashSet<String>();
        for (int c = 1; c < cells.length; c++) {
            String name = cells[c].trim();
            if (name.isEmpty()) throw new IOException(where + ": column " + (c + 1) + " of the header has no name");
            if (!seen.add(name)) throw new IOException(where + ": column name '" + name + "' appears twice");
            names.add(name);
        }
        return names;
    }

    private static double score(String cell, String column, String where) throws IOException {
        if (cell.toLowerCase(Locale.ROOT).equals("nan")) return Double.NaN;
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException ex) {
            throw new IOException(where + ": column '" + column + "': '" + cell + "' is not a number (use nan for a missing score)");
        }
        if (!(v >= 0 && v <= 1)) throw new IOException(where + ": column '" + column + "': score " + cell + " is not in [0, 1]");
        return v;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}

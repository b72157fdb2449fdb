package dynaseg.spark;

import dynaseg.data.NnUnetNaming;
import dynaseg.infer.PredictionInputs;
import dynaseg.infer.PredictionWriter;
import dynaseg.io.AtomicFiles;
import dynaseg.io.LabelTableFiles;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Scans and outputs of {@code predict --spark} at addresses of Spark's file systems
 * ({@code hdfs://}, {@code s3a://}, {@code file://}, whatever the cluster's Hadoop configuration
 * serves). The network reads and writes local files, so a task copies its scan into a temporary
 * folder, predicts there as plain predict does, and uploads what it wrote: each file under a
 * hidden temporary name renamed into place, the label map last, so that its presence still means
 * the case is complete (and a rerun skips it). The folder is removed at the end, also on failure.
 */
final class HadoopFiles {
    private HadoopFiles() {}

    /** Whether {@code path} is an address with a scheme ({@code hdfs://nn/scans}) rather than a path of this machine. */
    static boolean isAddress(String path) {
        return path != null && path.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    /** An address for {@code path}: itself, or a {@code file:} URI of a local path (never the cluster's default file system). */
    static String address(String path) {
        return isAddress(path) ? path : java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri().toString();
    }

    /** A Hadoop configuration with the job's {@code spark.hadoop.*} settings, as Spark gives its own readers. */
    static Configuration configuration(Map<String, String> settings) {
        Configuration conf = new Configuration();
        settings.forEach(conf::set);
        return conf;
    }

    /** The {@code spark.hadoop.*} settings of a job, without the prefix (they travel to the tasks). */
    static Map<String, String> settings(scala.Tuple2<String, String>[] withPrefix) {
        Map<String, String> m = new HashMap<>();
        for (scala.Tuple2<String, String> t : withPrefix) m.put(t._1(), t._2());
        return m;
    }

    /**
     * The scans at {@code input}: a .nii/.nii.gz file, a folder of them (sorted by name, hidden
     * files left out), or a text file naming one scan a line (# comments and blank lines left out;
     * relative names relative to the list's folder).
     */
    static List<String> listScans(String input, Configuration conf) throws IOException {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(p);
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(input + ": no such file or folder");
        }
        if (status.isDirectory()) {
            List<String> scans = new ArrayList<>();
            FileStatus[] children = fs.listStatus(p);
            java.util.Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus s : children) {
                String name = s.getPath().getName();
                if (s.isFile() && !name.startsWith(".") && isNifti(name)) scans.add(s.getPath().toString());
            }
            if (scans.isEmpty()) throw new IOException(input + ": no .nii or .nii.gz files in this folder");
            return scans;
        }
        if (isNifti(p.getName())) return List.of(p.toString());
        List<String> scans = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                scans.add(isAddress(t) || t.startsWith("/") ? t : new Path(p.getParent(), t).toString());
            }
        }
        if (scans.isEmpty()) throw new IOException(input + ": lists no scans");
        return scans;
    }

    /**
     * Refuses, before any task writes, scans that would be written as one case or over a scan (the
     * rules of plain predict's {@code PredictionJob.checkNames}).
     */
    static void checkNames(List<String> scans, String outDir, NnUnetNaming naming) {
        java.util.Set<String> scanSet = new java.util.HashSet<>(scans);
        Map<String, String> byCase = new HashMap<>();
        for (String scan : scans) {
            String name = new Path(scan).getName();
            String caseName = naming.caseOf(stem(name));
            Path target = new Path(new Path(outDir), labelsFileName(naming, name));
            if (scanSet.contains(target.toString())) {
                throw new IllegalArgumentException("the prediction of " + scan + " would replace the scan " + target
                        + "; choose an output folder other than the input folder");
            }
            String other = byCase.put(caseName, scan);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + scan + " are both case '" + caseName + "' (both would be "
                        + "written as " + outDir + "/" + caseName + ".*): rename one, or predict them into separate folders");
            }
        }
    }

    /** The naming of scans at addresses predicted together ({@link NnUnetNaming#of}). */
    static NnUnetNaming naming(List<String> scans) {
        return NnUnetNaming.of(scans.stream().map(s -> stem(new Path(s).getName())).toList());
    }

    /** A remote scan's prediction: the scan copied in, the plain job run on it, its outputs uploaded. */
    interface LocalPrediction {
        ScanResult predict(PredictionWriter writer, java.nio.file.Path localScan) throws IOException;
    }

    static ScanResult predict(String scan, String outDir, boolean overwrite, NnUnetNaming naming, Configuration conf,
            LocalPrediction job) throws IOException {
        Path src = new Path(scan);
        Path out = new Path(outDir);
        FileSystem outFs = out.getFileSystem(conf);
        String name = src.getName();
        String labelsName = labelsFileName(naming, name);
        Path labels = new Path(out, labelsName);
        if (!overwrite && outFs.exists(labels)) {
            return new ScanResult(scan, ScanResult.Status.SKIPPED, labels + " exists", 0);
        }
        java.nio.file.Path work = Files.createTempDirectory("dynaseg-scan-");
        try {
            java.nio.file.Path local = Files.createDirectories(work.resolve("in")).resolve(name);
            src.getFileSystem(conf).copyToLocalFile(false, src, new Path(local.toUri()), true);
            java.nio.file.Path localOut = work.resolve("out");
            ScanResult r = job.predict(new PredictionWriter(localOut, true).withNaming(naming), local);
            String message = r.message().replace(local.toString(), scan).replace(localOut.toString(), outDir);
            if (r.status() != ScanResult.Status.FAILED) upload(localOut, outFs, out, labelsName, overwrite);
            return new ScanResult(scan, r.status(), message, r.seconds());
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** Uploads every file under {@code localOut} to {@code out}, the label map {@code labelsName} last. */
    private static void upload(java.nio.file.Path localOut, FileSystem fs, Path out, String labelsName, boolean overwrite)
            throws IOException {
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> s = Files.walk(localOut)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
        files.sort(Comparator.comparing(f -> localOut.relativize(f).toString().equals(labelsName)));
        for (java.nio.file.Path f : files) {
            String rel = localOut.relativize(f).toString().replace(java.io.File.separatorChar, '/');
            Path dst = new Path(out, rel);
            // the label table is the same for every scan of the job: each task puts it in place
            boolean replace = overwrite || rel.equals(LabelTableFiles.LABELS_JSON) || rel.equals(LabelTableFiles.COLOR_TABLE);
            if (!replace && fs.exists(dst)) continue;
            Path tmp = new Path(dst.getParent(), "." + dst.getName() + "." + UUID.randomUUID() + ".tmp");
            fs.mkdirs(dst.getParent());
            fs.copyFromLocalFile(false, true, new Path(f.toUri()), tmp);
            if (fs.exists(dst)) fs.delete(dst, false);
            if (!fs.rename(tmp, dst)) {
                fs.delete(tmp, false);
                throw new IOException(dst + ": cannot move the prediction into place");
            }
        }
    }

    private static boolean isNifti(String name) {
        return PredictionInputs.isNifti(java.nio.file.Path.of(name));
    }

    private static String labelsFileName(NnUnetNaming naming, String name) {
        return PredictionWriter.labelsFileName(naming, java.nio.file.Path.of(name));
    }

    private static String stem(String name) {
        return PredictionWriter.stem(java.nio.file.Path.of(name));
    }
}

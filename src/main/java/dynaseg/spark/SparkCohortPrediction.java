package dynaseg.spark;

import dynaseg.data.NnUnetNaming;
import dynaseg.infer.PredictionJob;
import dynaseg.infer.PredictionWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * {@code dynaseg predict --spark MASTER}: one Spark task per scan. The model.zip is shipped to each
 * executor once ({@code SparkContext.addFile}); each task predicts its scan with the plain predict
 * job ({@link CohortTasks}), so outputs are written the same way (atomically, finished ones
 * skipped, a failing scan reported with its name while the others go on). The driver collects one
 * result per scan and prints the summary.
 *
 * <p>Scans and the output folder are paths that every node mounts at the same place (NFS, a
 * cluster file system, an object store mounted through FUSE), or addresses of Spark's file systems
 * ({@code hdfs://}, {@code s3a://}, with the cluster's {@code spark.hadoop.*} settings): then each
 * task copies its scan in and its outputs out ({@link HadoopFiles}). The model file may be anywhere
 * addFile reads (local, hdfs://, s3a://).
 */
public final class SparkCohortPrediction {
    private SparkCohortPrediction() {}

    /** Returns the exit code: 0 when every scan is predicted or skipped, 1 when any failed. */
    public static int run(CohortRequest req, PrintStream out, PrintStream err) throws Exception {
        // before any task writes: inputs that would replace an input or each other are refused, as by plain predict
        Inputs inputs = HadoopFiles.isAddress(req.input()) || HadoopFiles.isAddress(req.out()) ? remoteInputs(req) : localInputs(req);
        SparkSupport.LocalPlan plan = SparkSupport.configureLocalThreads(req.master(), req.threads(), out);
        List<String> paths = inputs.scans();
        String modelName = null;
        long start = System.nanoTime();
        try (JavaSparkContext sc = SparkContexts.open(req.master(), "dynaseg predict", plan)) {
            if (req.model() != null) {
                if (!req.model().contains("://") && !Files.isRegularFile(Path.of(req.model()))) {
                    throw new java.nio.file.NoSuchFileException(req.model() + ": no such model file");
                }
                sc.addFile(req.model());
                modelName = req.model().substring(req.model().lastIndexOf('/') + 1);
            }
            out.printf(Locale.ROOT, "predicting %d scan%s with %s on Spark %s (%s) into %s%n", paths.size(),
                    paths.size() == 1 ? "" : "s", req.model() != null ? req.model() : req.run(), sc.master(),
                    SparkSupport.describe(plan), inputs.outDir());
            out.flush();
            List<ScanResult> results = sc.parallelize(paths, Math.max(1, paths.size()))
                    .mapPartitions(new PredictPartition(req, inputs.outDir(), modelName, inputs.naming(), inputs.hadoop())).collect();
            double seconds = (System.nanoTime() - start) / 1e9;
            return CohortTasks.summarize(results, seconds, out, err) ? 0 : 1;
        } finally {
            if (SparkSupport.isLocal(req.master())) CohortTasks.closeIdle();
        }
    }

    /**
     * The scans (paths or addresses), where the outputs go, the naming the scans decide, and the
     * {@code spark.hadoop.*} settings when scans or outputs are addresses (else null).
     */
    private record Inputs(List<String> scans, String outDir, NnUnetNaming naming, java.util.Map<String, String> hadoop) {}

    private static Inputs localInputs(CohortRequest req) throws java.io.IOException {
        List<Path> scans = CohortTasks.listInputs(Path.of(req.input()));
        PredictionJob.checkNames(new PredictionWriter(Path.of(req.out()), req.overwrite()).forInputs(scans), scans);
        return new Inputs(scans.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(),
                Path.of(req.out()).toAbsolutePath().normalize().toString(),
                PredictionWriter.naming(scans), null);
    }

    private static Inputs remoteInputs(CohortRequest req) throws java.io.IOException {
        // the settings SparkConf will read (spark-submit's --conf spark.hadoop.*), as Spark's own readers get them
        java.util.Map<String, String> hadoop = HadoopFiles.settings(new org.apache.spark.SparkConf(true).getAllWithPrefix("spark.hadoop."));
        List<String> scans = HadoopFiles.listScans(HadoopFiles.address(req.input()), HadoopFiles.configuration(hadoop));
        String outDir = HadoopFiles.address(req.out());
        NnUnetNaming naming = HadoopFiles.naming(scans);
        HadoopFiles.checkNames(scans, outDir, naming);
        return new Inputs(scans, outDir, naming, hadoop);
    }

    /** A task: its scans, predicted with the executor's copy of the model. */
    private static final class PredictPartition implements FlatMapFunction<Iterator<String>, ScanResult> {
        private static final long serialVersionUID = 1L;
        private final CohortRequest req;
        /** An absolute path, or an address. */
        private final String outDir;
        private final String modelName;
        /** Made from all the scans in the driver: they decide the output names, as in plain predict. */
        private final NnUnetNaming naming;
        /** {@code spark.hadoop.*} settings when the scans or outputs are addresses, else null. */
        private final java.util.HashMap<String, String> hadoop;

        PredictPartition(CohortRequest req, String outDir, String modelName, NnUnetNaming naming,
                java.util.Map<String, String> hadoop) {
            this.req = req;
            this.outDir = outDir;
            this.modelName = modelName;
            this.naming = naming;
            this.hadoop = hadoop == null ? null : new java.util.HashMap<>(hadoop);
        }

        @Override
        public Iterator<ScanResult> call(Iterator<String> scans) throws Exception {
            ExecutorSetup.once();
            Path model = modelName == null ? null : Path.of(SparkFiles.get(modelName));
            return CohortTasks.predict(req, outDir, naming, hadoop, model, scans, System.out).iterator();
        }
    }
}

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
 * <p>Scans and the output folder are read and written with Java's file API: on a cluster they must
 * be on a file system that every node mounts at the same path (NFS, a cluster file system, an
 * object store mounted through FUSE). The model file may be anywhere addFile reads (local, hdfs://, s3a://).
 */
public final class SparkCohortPrediction {
    private SparkCohortPrediction() {}

    /** Returns the exit code: 0 when every scan is predicted or skipped, 1 when any failed. */
    public static int run(CohortRequest req, PrintStream out, PrintStream err) throws Exception {
        Path outDir = Path.of(req.out());
        List<Path> scans = CohortTasks.listInputs(Path.of(req.input()));
        // before any task writes: inputs that would replace an input or each other are refused, as by plain predict
        PredictionJob.checkNames(new PredictionWriter(outDir, req.overwrite()).forInputs(scans), scans);
        SparkSupport.LocalPlan plan = SparkSupport.configureLocalThreads(req.master(), req.threads(), out);
        List<String> paths = scans.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
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
                    SparkSupport.describe(plan),
                    outDir);
            out.flush();
            List<ScanResult> results = sc.parallelize(paths, Math.max(1, paths.size()))
                    .mapPartitions(new PredictPartition(req, modelName, PredictionWriter.naming(scans))).collect();
            double seconds = (System.nanoTime() - start) / 1e9;
            return CohortTasks.summarize(results, seconds, out, err) ? 0 : 1;
        } finally {
            if (SparkSupport.isLocal(req.master())) CohortTasks.closeIdle();
        }
    }

    /** A task: its scans, predicted with the executor's copy of the model. */
    private static final class PredictPartition implements FlatMapFunction<Iterator<String>, ScanResult> {
        private static final long serialVersionUID = 1L;
        private final CohortRequest req;
        private final String modelName;
        /** Made from all the scans in the driver: they decide the output names, as in plain predict. */
        private final NnUnetNaming naming;

        PredictPartition(CohortRequest req, String modelName, NnUnetNaming naming) {
            this.req = req;
            this.modelName = modelName;
            this.naming = naming;
        }

        @Override
        public Iterator<ScanResult> call(Iterator<String> scans) throws Exception {
            ExecutorSetup.once();
            Path model = modelName == null ? null : Path.of(SparkFiles.get(modelName));
            return CohortTasks.predict(req, naming, model, scans, System.out).iterator();
        }
    }
}

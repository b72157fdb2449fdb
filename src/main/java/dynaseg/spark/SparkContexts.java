package dynaseg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of a spark command. Settings from spark-submit ({@code --conf}, spark-defaults)
 * come in through the {@code spark.*} system properties that SparkConf reads; a master given to
 * {@code --spark} wins over none. Local masters run without the web UI and on the loopback
 * address. For other masters, executors that were not given JVM options get what PyTorch needs
 * there: offline, and {@code spark.task.cpus} intra-op threads per JVM (see {@link SparkSupport}).
 */
final class SparkContexts {
    private SparkContexts() {}

    /** {@code plan}: how a local master runs its tasks ({@code spark.task.cpus} unless set), null for a cluster. */
    static JavaSparkContext open(String master, String appName, SparkSupport.LocalPlan plan) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null && !master.isBlank()) conf.setMaster(master);
        String m = conf.get("spark.master", "local[*]");
        conf.setMaster(m);
        if (SparkSupport.isLocal(m)) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "localhost");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            if (plan != null) conf.setIfMissing("spark.task.cpus", Integer.toString(plan.taskCpus()));
        } else if (!conf.contains("spark.executor.extraJavaOptions")) {
            String threads = conf.get("spark.task.cpus", "1");
            conf.set("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -D" + SparkSupport.THREADS_PROPERTY + "="
                    + threads + " -Dai.djl.pytorch.num_interop_threads=1");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }

    /** How often a task is tried in this context (see {@link SparkSupport#maxAttempts}). */
    static int maxAttempts(JavaSparkContext sc) {
        return SparkSupport.maxAttempts(sc.master(), sc.getConf().get("spark.task.maxFailures", null));
    }
}

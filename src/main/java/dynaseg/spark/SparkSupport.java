package dynaseg.spark;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the spark commands decide before Spark starts, with no Spark class in sight (so the plain
 * commands never need Spark on the class path): whether Spark is there, how many tasks run at once
 * in a local master, how often a task is tried, and the PyTorch threads per task.
 *
 * <p>PyTorch fixes its intra-op threads once per JVM, when its engine starts. With a local master
 * every task runs in the driver's JVM, so the driver sets the threads before anything starts the
 * engine: cores / tasks at once, at least 1 (tasks x threads never exceeds the cores). Executors of
 * a cluster are JVMs of their own: they get {@code -Dai.djl.pytorch.num_threads=<spark.task.cpus>}
 * through {@code spark.executor.extraJavaOptions} (see {@link SparkContexts}), so an executor of C
 * cores runs C / spark.task.cpus tasks of spark.task.cpus threads each.
 */
public final class SparkSupport {
    private SparkSupport() {}

    /** The PyTorch thread property (read once, when the engine starts). */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /**
     * The JVM options Spark's own launcher gives each JVM it starts
     * (org.apache.spark.launcher.JavaModuleOptions of Spark 4.0.1); bin/dynaseg passes them when the
     * command line asks for spark, and the tests' JVM has them (pom.xml, spark.jvm.flags).
     */
    public static final List<String> JVM_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?\\])?");

    /** Whether {@code master} runs every task in this JVM (local, local[N], local[*], local[N,R]). */
    public static boolean isLocal(String master) {
        return LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /** Tasks at once in a local master (local = 1, local[*] = the cores); 0 for other masters. */
    public static int localSlots(String master, int cores) {
        Matcher m = LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) return 0;
        if (m.group(1) == null) return 1;
        if (m.group(1).equals("*")) return cores;
        int n = Integer.parseInt(m.group(1));
        if (n < 1) throw new IllegalArgumentException("--spark " + master + ": at least one task at a time");
        return n;
    }

    /**
     * How often a task is tried before the job gives up on it: R of local[N,R], 1 for the other
     * local masters (Spark's rule), else {@code spark.task.maxFailures} (Spark's default 4).
     */
    public static int maxAttempts(String master, String maxFailuresSetting) {
        Matcher m = LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) return m.group(2) == null ? 1 : Math.max(1, Integer.parseInt(m.group(2)));
        return maxFailuresSetting == null ? 4 : Math.max(1, Integer.parseInt(maxFailuresSetting.trim()));
    }

    /**
     * PyTorch threads per task in a local master: {@code requested} when given (> 0), else
     * cores / slots, at least 1.
     */
    public static int localThreads(String master, int cores, Integer requested) {
        if (requested != null && requested > 0) return requested;
        return Math.max(1, cores / Math.max(1, localSlots(master, cores)));
    }

    /**
     * Before Spark starts, in the driver: with a local master, the threads per task (see above);
     * returns the count, or 0 for other masters (their executors get it from SparkContexts).
     * Warns on {@code out} when tasks x threads exceeds the cores.
     */
    public static int configureLocalThreads(String master, Integer requested, java.io.PrintStream out) {
        if (!isLocal(master)) return 0;
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = localThreads(master, cores, requested);
        int slots = localSlots(master, cores);
        if ((long) threads * slots > cores) {
            out.printf(Locale.ROOT, "warning: %d tasks at once x %d threads each > %d cores: they will slow each other%n",
                    slots, threads, cores);
        }
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        return threads;
    }

    /** Whether Spark's classes are on the class path. */
    public static boolean available() {
        try {
            Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Fails with what to do when Spark is missing. */
    public static void requireSpark() {
        if (!available()) {
            throw new IllegalStateException("--spark: Spark is not on the class path. bin/dynaseg adds target/spark-lib "
                    + "(built by mvn package) when the command line has --spark; with java -cp add target/spark-lib/* "
                    + "after target/lib/*, or start it with spark-submit --class dynaseg.cli.SparkSubmitMain (see README)");
        }
    }
}

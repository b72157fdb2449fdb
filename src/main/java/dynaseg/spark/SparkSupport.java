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
 * <p>Threads decide results: a network computed with 1 or with 2 PyTorch threads sums in another
 * order, and a near-tie voxel can flip (measured: 1 of 14.2 M on 16 phantoms; training diverges
 * further). So a task computes with the thread count the plain command would use (DYNASEG_THREADS,
 * else all cores) unless {@code --threads} says otherwise, and a local master runs as many tasks at
 * once as fit its cores at that count ({@code spark.task.cpus} = the threads): {@code local[2]} on 2
 * cores runs one task at a time with 2 threads and writes what plain predict writes, byte for byte;
 * {@code --threads 1} runs two at a time and equals the plain command with {@code --threads 1}.
 *
 * <p>PyTorch fixes its intra-op threads once per JVM, when its engine starts. With a local master
 * every task runs in the driver's JVM, so the driver sets the threads before anything starts the
 * engine. Executors of a cluster are JVMs of their own: they get
 * {@code -Dai.djl.pytorch.num_threads=<spark.task.cpus>} through
 * {@code spark.executor.extraJavaOptions} (see {@link SparkContexts}), so an executor of C cores
 * runs C / spark.task.cpus tasks of spark.task.cpus threads each.
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
     * How a local master runs its tasks: PyTorch threads per task, {@code spark.task.cpus} (the
     * threads, at most the master's slots, so that Spark accepts it) and how many tasks run at once.
     */
    public record LocalPlan(int threads, int taskCpus, int tasksAtOnce) {}

    /**
     * The plan of a local master of {@code slots} task slots: {@code requested} threads when given
     * (> 0), else {@code plainThreads}, the count the plain command uses.
     */
    public static LocalPlan localPlan(int slots, Integer requested, int plainThreads) {
        int threads = requested != null && requested > 0 ? requested : Math.max(1, plainThreads);
        int taskCpus = Math.min(threads, Math.max(1, slots));
        return new LocalPlan(threads, taskCpus, Math.max(1, slots / taskCpus));
    }

    /**
     * The PyTorch threads this JVM was started with ({@value #THREADS_PROPERTY}: bin/dynaseg sets it
     * from DYNASEG_THREADS, else nproc), read before {@link #configureLocalThreads} changes it.
     */
    private static final String LAUNCH_THREADS = System.getProperty(THREADS_PROPERTY);

    /** The plain commands' PyTorch threads: the launcher's setting, else DYNASEG_THREADS, else all cores. */
    static int plainThreads() {
        for (String v : new String[] {LAUNCH_THREADS, System.getenv("DYNASEG_THREADS")}) {
            try {
                if (v != null && Integer.parseInt(v.trim()) > 0) return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                // not a count: PyTorch ignores it too and uses all cores
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Before Spark starts, in the driver: with a local master, sets the threads of every task (see
     * above) and returns the plan; null for other masters (their executors get the threads from
     * SparkContexts). Warns on {@code out} when tasks x threads exceeds the cores.
     */
    public static LocalPlan configureLocalThreads(String master, Integer requested, java.io.PrintStream out) {
        if (!isLocal(master)) return null;
        int cores = Runtime.getRuntime().availableProcessors();
        LocalPlan plan = localPlan(localSlots(master, cores), requested, plainThreads());
        if ((long) plan.threads() * plan.tasksAtOnce() > cores) {
            out.printf(Locale.ROOT, "warning: %d tasks at once x %d threads each > %d cores: they will slow each other%n",
                    plan.tasksAtOnce(), plan.threads(), cores);
        }
        System.setProperty(THREADS_PROPERTY, Integer.toString(plan.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        return plan;
    }

    /** The console words for a plan: "1 task at a time x 2 PyTorch threads", or the executors' for a cluster. */
    static String describe(LocalPlan plan) {
        if (plan == null) return "spark.task.cpus PyTorch threads per task";
        return plan.tasksAtOnce() + (plan.tasksAtOnce() == 1 ? " task" : " tasks") + " at a time x " + plan.threads()
                + " PyTorch thread" + (plan.threads() == 1 ? "" : "s");
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

/**
 * Past one machine: cohort prediction (one Spark task per scan, the model file shipped once) and
 * sweeps of independent training runs (one task per run folder, each in a child JVM so that every
 * run has its own PyTorch engine; a retried task resumes from the run's last checkpoint).
 *
 * <p>Place in the data flow: beside the commands; it drives {@code infer}, {@code train} and
 * {@code demo} as the plain commands do. The commands reach it only through {@link
 * dynaseg.spark.SparkEntry}, which touches no Spark class until Spark is asked for, so the plain
 * jar runs without Spark on its class path (bin/dynaseg adds {@code target/spark-lib/} only for
 * {@code --spark}). Nothing in dynaseg imports this package but {@code cli}.
 */
package dynaseg.spark;

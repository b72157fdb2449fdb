package dynaseg.spark;

import java.io.Serializable;

/**
 * What {@code dynaseg predict --spark} was asked, as sent to the tasks (paths as strings).
 *
 * @param model      a model.zip (shipped to every executor once), or null
 * @param run        a run folder on storage that every node mounts at the same path, or null
 * @param checkpoint checkpoint of {@code run} (best, last)
 * @param input      a .nii/.nii.gz scan, a folder of them, or a text file listing scans (one a line): a path, or an address (hdfs://, s3a://)
 * @param out        the output folder (shared by all nodes): a path, or an address
 * @param device     null = the run's
 * @param threads    PyTorch threads per task; null = the plain command's (see SparkSupport)
 */
public record CohortRequest(String master, String model, String run, String checkpoint, String input, String out,
                            double overlap, boolean mirror, boolean probabilities, boolean splitMasks, boolean statistics,
                            int windowBatch, boolean preview, boolean overwrite, String device, Integer threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}

/**
 * From preprocessed cases to training batches: patch sampling with a foreground ratio, augmentation
 * and background loading with per-(seed, epoch, index) random streams. Reads data.preprocess and
 * io.
 */
package dynaseg.data.sampling;

/**
 * The cache of preprocessed cases on disk, keyed by the preprocessing settings and the label
 * source, so that runs on the same data preprocess each case once. Reads data.preprocess, data and
 * io.
 */
package dynaseg.data.cache;

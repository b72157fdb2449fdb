/**
 * The Java API: {@link dynaseg.Segmenter} loads a trained model (a run folder or a model.zip) and
 * segments scans into {@link dynaseg.Segmentation}s. The top of the data flow: it may use every
 * package, and no package of dynaseg uses it.
 */
package dynaseg;

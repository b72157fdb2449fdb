/**
 * Prediction: a trained model (a run folder or a model.zip) applied by sliding windows to scans of
 * any grid, and the outputs written next to them (label maps, probabilities, masks, statistics,
 * previews). Reads the run folder through {@link dynaseg.run} and model.zip through
 * {@link dynaseg.export}; train uses it for validation and test scoring, never the other way.
 */
package dynaseg.infer;

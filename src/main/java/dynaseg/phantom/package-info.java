/**
 * Synthetic abdominal CT phantoms with the 13 BTCV organs, written in the MSD layout (dynaseg
 * synth, the demo and the tests): a source of data at the start of the flow. Reads data and io.
 */
package dynaseg.phantom;

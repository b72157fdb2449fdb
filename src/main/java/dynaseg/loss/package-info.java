/**
 * Segmentation losses with per-class weights (weighted Dice, weighted cross-entropy, both).
 * {@link dynaseg.loss.Losses} owns the loss names a config may give; a new loss is a class here and
 * one entry there.
 */
package dynaseg.loss;

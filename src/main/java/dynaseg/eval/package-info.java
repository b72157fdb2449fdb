/**
 * Evaluation of predictions against label maps (Dice, HD95, NSD) and the reports over run folders:
 * run summaries, paired comparisons, claims and the paper's table. Reads run folders through
 * {@link dynaseg.run}; never uses train or infer.
 */
package dynaseg.eval;

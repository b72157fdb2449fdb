/**
 * The training loop: preprocessed cases from data, the network the run config names, the loss
 * with the schedule's weights, AdamW steps, then validation and test scoring through infer and eval;
 * it writes the run folder of {@link dynaseg.run}. Only cli, demo and bench use it.
 */
package dynaseg.train;

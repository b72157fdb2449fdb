/**
 * The training loop ({@link dynaseg.train.Trainer}): preprocessed cases from data, the network the
 * run config names, the loss it names (or one an embedding application sets) with the schedule's
 * weights, AdamW steps, then validation and test scoring through infer and eval; after each
 * epoch's validation the schedule's update and the new state, then the epoch-end listeners
 * ({@link dynaseg.train.EpochListener}: the checkpoint, the run's records, the caller's). It writes
 * the run folder of {@link dynaseg.run}. Only cli, demo, bench and spark use it.
 */
package dynaseg.train;

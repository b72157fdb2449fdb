/**
 * The run folder, the contract between training and all that reads its results: config.yaml
 * ({@link dynaseg.run.RunConfig}), the layout ({@link dynaseg.run.RunDirectory}), checkpoints and
 * their state, metrics.csv, events.jsonl, the plots, and the device a config chooses. train writes
 * it; infer, eval, export, demo and the command line read it. It never uses train, infer, eval or
 * export.
 */
package dynaseg.run;

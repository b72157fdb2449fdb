/**
 * Benchmarks (dynaseg bench): I/O, patch loading, training steps and inference timed on this
 * machine, and the scripts of the PyTorch peers they are compared with. Reads data, nn, infer and
 * train; only the command line uses it.
 */
package dynaseg.bench;

/**
 * How dynaseg starts the deep-learning engine: settings that must be in place before libtorch
 * runs its first kernel, such as the oneDNN instruction-set cap for processors whose AVX-512
 * kernels misbehave. Imported by {@code nn} and {@code cli}; imports nothing of dynaseg.
 */
package dynaseg.engine;

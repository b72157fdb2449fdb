/**
 * The paper experiment (dynaseg demo): phantoms, one training run per strategy column, test
 * scores, the exported models and the paper's table. Drives phantom, train, eval and export through
 * the run folder.
 */
package dynaseg.demo;

/**
 * Organ statistics of a label map over its scan (volumes, HU mean, median, standard deviation) and
 * the files they are written to; used by predict --statistics and dynaseg stats. Reads io only.
 */
package dynaseg.measure;

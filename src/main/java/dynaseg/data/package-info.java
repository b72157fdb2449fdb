/**
 * The dataset model: organs, case references and the reading of a case, datasets and their
 * splits, voxel shares, progress of work over cases. The stages between a case on disk and a
 * training batch stand in its subpackages, in order: {@link dynaseg.data.formats} (dataset layouts),
 * {@link dynaseg.data.preprocess}, {@link dynaseg.data.cache}, {@link dynaseg.data.sampling}. Reads
 * io only.
 */
package dynaseg.data;

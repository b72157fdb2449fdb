/**
 * The dataset model and the stages between a case on disk and a training batch: organs, case
 * references and splits; preprocessing (reorientation, body crop, resampling, intensity window,
 * {@link dynaseg.data.AffineMath}); the preprocessed-case cache; patch sampling, augmentation and
 * background loading. Reads io only; dataset layouts live in {@link dynaseg.data.formats}.
 */
package dynaseg.data;

/**
 * Preprocessing of one case: reorientation to the network's axes, crop to the body, resampling to
 * the target spacing and the HU window ({@link dynaseg.data.preprocess.PreprocessSettings}, the one
 * home of these settings, their defaults and checks), with the affine arithmetic in
 * {@link dynaseg.data.preprocess.AffineMath}. Its product is a
 * {@link dynaseg.data.preprocess.PreprocessedCase}. Used for training and for prediction alike.
 * Reads data and io.
 */
package dynaseg.data.preprocess;

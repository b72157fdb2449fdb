/**
 * Dataset layouts (MSD with its dataset.json, BTCV, nnU-Net raw, TotalSegmentator; listed,
 * combined and filtered datasets), their inspection, statistics and conversion. Each layout turns a
 * folder into the cases of a {@link dynaseg.data.SegmentationDataset}; a new layout is one class
 * here and one constant of {@link dynaseg.data.formats.DatasetFormat}. Reads data (with its
 * preprocess and cache stages) and io.
 */
package dynaseg.data.formats;

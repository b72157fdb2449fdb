/**
 * A trained model as files that travel: {@link dynaseg.export.ModelArchive} (model.zip, the one
 * file {@code predict --model} and {@code dynaseg.Segmenter} read), written from a run folder by
 * {@link dynaseg.export.ModelExporter}; inside it, the weights also in the safetensors format
 * ({@link dynaseg.export.Safetensors}) under the parameter names of the networks' PyTorch twins in
 * {@code bench/} ({@link dynaseg.export.TorchTwins}), so that Python users load them with
 * {@code bench/torch_from_safetensors.py} and get the same logits.
 *
 * <p>Place in the data flow: after training (reads the run folder: config, checkpoint, test
 * scores), before inference (the predictor reads the archive). Imports {@code nn}, {@code io},
 * {@code train} and {@code eval}.
 */
package dynaseg.export;

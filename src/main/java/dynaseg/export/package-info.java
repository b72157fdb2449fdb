/**
 * Turns a trained network into files that other tools read: the safetensors format
 * ({@link dynaseg.export.Safetensors}) and the parameter names of the networks' PyTorch twins in
 * {@code bench/} ({@link dynaseg.export.TorchTwinNames}), so that Python users can load the
 * weights with {@code bench/torch_from_safetensors.py} and get the same logits. Imports
 * {@code nn} and {@code io}; nothing in dynaseg imports it yet.
 */
package dynaseg.export;

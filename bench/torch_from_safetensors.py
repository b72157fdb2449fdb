#!/usr/bin/python3
"""Loads dynaseg weights (a .safetensors file) into the PyTorch twin and runs it.

dynaseg writes a trained network's parameters under the state_dict() names of its PyTorch twin
(bench/torch_unet3d.py UNet3D, bench/torch_unetr.py build() for unetr and lambda3d; the Java side
is dynaseg.export.TorchTwins) and puts the settings that rebuild the twin into the file's
__metadata__: model, preset, in_channels, classes, patch and, for unet3d, unet_channels. This
script builds the twin from them, loads the weights with load_state_dict(strict=True) (every
twin parameter filled, nothing left over), and with --input/--output runs the network in eval
mode on a (N, C, D, H, W) float32 .npy array and saves the logits (N, classes, D, H, W).

    python3 bench/torch_from_safetensors.py --weights model.safetensors --input x.npy --output logits.npy

Options such as --model or --classes are for files without that metadata; given with a file
that has it, they must agree with it. UNETR and Lambda3D take inputs of exactly patch^3 voxels
(their position embeddings are sized to it); UNet3D takes multiples of 2^(levels-1).

From Python: net, metadata = load_twin("model.safetensors") gives the twin in eval mode, ready for
torch.jit.trace(net, example) or torch.onnx.export(net, example, "model.onnx") with an example input
of the training patch size. read_safetensors() parses the file
with json and numpy only, since Debian ships no safetensors package; where it is installed,
safetensors.torch.load_file(path) returns the same tensors.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_unet3d import UNet3D  # noqa: E402
from torch_unetr import build as build_unetr  # noqa: E402

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1",
          "BOOL": "?"}
SETTINGS = ("model", "preset", "in_channels", "classes", "patch", "unet_channels")


def read_safetensors(path):
    """(tensors by name, metadata) of a safetensors file; ValueError naming the file when it breaks the format."""
    with open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:8], "little") if len(data) >= 8 else -1
    if not 0 <= n <= len(data) - 8:
        raise ValueError(f"{path}: not a safetensors file (header length {n}, file size {len(data)})")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    tensors, end = {}, 0
    for name, t in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
        begin, stop = t["data_offsets"]
        if t["dtype"] not in DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {t['dtype']}, which this reader does not convert")
        dtype = np.dtype(DTYPES[t["dtype"]])
        if begin != end or stop - begin != dtype.itemsize * int(np.prod(t["shape"], dtype=np.int64)):
            raise ValueError(f"{path}: tensor {name} has data_offsets {t['data_offsets']} that do not fit its shape or follow byte {end}")
        array = np.frombuffer(data, dtype, count=(stop - begin) // dtype.itemsize, offset=8 + n + begin)
        tensors[name] = torch.from_numpy(array.reshape(t["shape"]).copy())
        end = stop
    if 8 + n + end != len(data):
        raise ValueError(f"{path}: the tensors cover {end} data bytes, the file holds {len(data) - 8 - n}")
    return tensors, metadata


def settings(metadata, **given):
    """The twin's settings: the file's metadata, checked against (or completed by) the given values."""
    out = {}
    for key in SETTINGS:
        stored, wanted = metadata.get(key), given.get(key)
        if stored is not None and wanted is not None and str(wanted) != stored:
            raise ValueError(f"{key} {wanted} (given) contradicts the file's metadata ({key}={stored})")
        out[key] = stored if stored is not None else wanted
    missing = [k for k in ("model", "preset", "classes", "patch") if out[k] is None]
    if missing:
        raise ValueError(f"the file has no metadata for {missing}: give them as options")
    return out


def build_twin(model, preset, in_channels, classes, patch, unet_channels=None):
    """An untrained twin, as dynaseg.nn.Networks.create(model, preset, in_channels, classes, unet_channels, patch)."""
    if model == "unet3d":
        channels = [int(c) for c in unet_channels.split(",")] if unet_channels else ([32, 64, 128, 256] if preset == "paper" else [8, 16, 32, 64])
        return UNet3D(in_channels, classes, channels)
    return build_unetr(model, preset, in_channels, classes, patch)


def load_twin(path, **given):
    """(twin in eval mode holding the file's weights, metadata); given settings (model=..., classes=...) fill gaps in the metadata."""
    tensors, metadata = read_safetensors(path)
    s = settings(metadata, **given)
    net = build_twin(s["model"], s["preset"], int(s["in_channels"] or 1), int(s["classes"]), int(s["patch"]), s["unet_channels"])
    net.load_state_dict(tensors, strict=True)
    return net.eval(), metadata


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", required=True, help="a .safetensors file written by dynaseg")
    ap.add_argument("--input", help="(N, C, D, H, W) float32 .npy to run the network on")
    ap.add_argument("--output", help="where to save the logits (.npy); with --input")
    ap.add_argument("--model", choices=["unet3d", "unetr", "lambda3d"])
    ap.add_argument("--preset", choices=["cpu", "paper"])
    ap.add_argument("--in-channels", type=int)
    ap.add_argument("--classes", type=int)
    ap.add_argument("--patch", type=int)
    ap.add_argument("--unet-channels", help="e.g. 8,16,32,64")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = ap.parse_args()
    if bool(args.input) != bool(args.output):
        ap.error("--input and --output go together")
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        net, metadata = load_twin(args.weights, model=args.model, preset=args.preset, in_channels=args.in_channels,
                                  classes=args.classes, patch=args.patch, unet_channels=args.unet_channels)
    except (ValueError, RuntimeError) as e:  # RuntimeError: load_state_dict's list of missing/unexpected/mis-shaped names
        sys.exit(f"{args.weights}: {e}")
    print(json.dumps({"weights": args.weights, "parameters": sum(p.numel() for p in net.parameters()), **metadata}))
    if args.input:
        x = np.load(args.input)
        if x.ndim != 5:
            sys.exit(f"{args.input}: expected an (N, C, D, H, W) array, got shape {x.shape}")
        with torch.no_grad():
            logits = net(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)))
        np.save(args.output, logits.numpy())


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""PyTorch eager twin of dynaseg's sliding-window inference, for docs/BENCHMARKS.md.

Same algorithm as dynaseg.infer.SlidingWindowInference: windows of the patch size on nnU-Net's
grid (dynaseg.infer.WindowGrid: n = ceil((size - patch) / (patch * (1 - overlap))) + 1 windows per
axis, starts rounded half to even), volumes smaller than the patch padded centred with 0, windows
through the network in batches under torch.no_grad(), logits blended with a Gaussian importance
map (sigma = patch / 8, centred at (p - 1) / 2, max 1, zeros raised to the smallest positive
value), divided by the summed weights, softmax over classes at the end. The networks are the
PyTorch twins of the cpu presets (bench/torch_unet3d.py, bench/torch_unetr.py), randomly
initialised, 14 classes, on a random volume in [0, 1].

    python3 bench/torch_infer.py --model unet3d --dims 128,256,256 --threads 2 --repeats 3

Prints one JSON object: {"framework": "torch", "torch", "model", "preset", "dims" (z, y, x),
"patch", "windows", "window_batch", "overlap", "threads", "classes", "infer_ms_median",
"infer_ms_min", "runs_ms": [...]}.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_unet3d import UNet3D  # noqa: E402
from torch_unetr import build as build_unetr  # noqa: E402

# dynaseg.nn.Networks: UNet3D channels of the cpu preset, and the cpu presets' patch
UNET_CPU = [8, 16, 32, 64]
CPU_PATCH = 64


def steps(size, patch, overlap):
    """Window starts along one axis, as dynaseg.infer.WindowGrid.steps (nnU-Net)."""
    target = patch * (1 - overlap)
    n = int(math.ceil((size - patch) / target)) + 1
    if n == 1:
        return [0]
    actual = (size - patch) / (n - 1)
    return [int(round(actual * i)) for i in range(n)]  # round half to even, as Math.rint


def gaussian_map(patch, sigma_scale=1.0 / 8):
    axes = []
    for p in patch:
        i = torch.arange(p, dtype=torch.float64) - (p - 1) / 2.0
        sigma = p * sigma_scale
        axes.append(torch.exp(-i * i / (2 * sigma * sigma)))
    g = axes[0][:, None, None] * axes[1][None, :, None] * axes[2][None, None, :]
    g = (g / g.max()).float()
    positive = g[g > 0]
    g[g <= 0] = positive.min()
    return g


def sliding_window(net, volume, patch, overlap, window_batch, importance):
    """Softmax probabilities (C, D, H, W) of a (D, H, W) volume."""
    dims = list(volume.shape)
    padded = [max(d, p) for d, p in zip(dims, patch)]
    offset = [(pd - d) // 2 for pd, d in zip(padded, dims)]
    if padded != dims:
        v = torch.zeros(padded)
        v[offset[0]:offset[0] + dims[0], offset[1]:offset[1] + dims[1], offset[2]:offset[2] + dims[2]] = volume
    else:
        v = volume
    origins = [(z, y, x) for z in steps(padded[0], patch[0], overlap)
               for y in steps(padded[1], patch[1], overlap) for x in steps(padded[2], patch[2], overlap)]
    acc = None
    wsum = torch.zeros(padded)
    for s in range(0, len(origins), window_batch):
        batch = origins[s:s + window_batch]
        x = torch.stack([v[z:z + patch[0], y:y + patch[1], x0:x0 + patch[2]] for z, y, x0 in batch])[:, None]
        logits = net(x)
        if acc is None:
            acc = torch.zeros([logits.shape[1]] + padded)
        for i, (z, y, x0) in enumerate(batch):
            sl = (slice(z, z + patch[0]), slice(y, y + patch[1]), slice(x0, x0 + patch[2]))
            acc[(slice(None),) + sl] += logits[i] * importance
            wsum[sl] += importance
    acc /= wsum
    acc = acc[:, offset[0]:offset[0] + dims[0], offset[1]:offset[1] + dims[1], offset[2]:offset[2] + dims[2]]
    return torch.softmax(acc, dim=0), len(origins)


def build(model, classes):
    if model == "unet3d":
        return UNet3D(1, classes, UNET_CPU)
    return build_unetr(model, "cpu", 1, classes, CPU_PATCH)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=["unet3d", "unetr", "lambda3d"], default="unet3d")
    ap.add_argument("--dims", default="128,256,256", help="volume size z,y,x")
    ap.add_argument("--classes", type=int, default=14)
    ap.add_argument("--overlap", type=float, default=0.5)
    ap.add_argument("--window-batch", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dims = [int(d) for d in args.dims.split(",")]
    patch = [CPU_PATCH] * 3
    net = build(args.model, args.classes).eval()
    volume = torch.rand(dims)
    importance = gaussian_map(patch)
    runs = []
    windows = 0
    with torch.no_grad():
        net(torch.rand([args.window_batch, 1] + patch))  # warm-up: allocator and kernels
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            probs, windows = sliding_window(net, volume, patch, args.overlap, args.window_batch, importance)
            runs.append((time.perf_counter() - t0) * 1000)
            del probs
    print(json.dumps({"framework": "torch", "torch": torch.__version__, "model": args.model, "preset": "cpu",
                      "dims": dims, "patch": patch, "windows": windows, "window_batch": args.window_batch,
                      "overlap": args.overlap, "threads": args.threads, "classes": args.classes,
                      "infer_ms_median": statistics.median(runs), "infer_ms_min": min(runs),
                      "runs_ms": [round(r, 2) for r in runs]}))


if __name__ == "__main__":
    main()

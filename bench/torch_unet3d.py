#!/usr/bin/python3
"""PyTorch eager twin of dynaseg's UNet3D training step, for docs/BENCHMARKS.md.

Same network as dynaseg.nn.UNet3D (two conv3x3x3 + InstanceNorm3d(affine) + LeakyReLU(0.01) per
level, 2x max pool, ConvTranspose3d(k=2, s=2) up, cat([up, skip]), 1x1x1 head), same loss
(unweighted soft Dice over the batch + cross-entropy), AdamW, one thread count for both. Its
state_dict names are those dynaseg.export.TorchTwins writes to .safetensors files
(bench/torch_from_safetensors.py loads them); SafetensorsTwinTest checks that the loaded twin gives
dynaseg's logits.

    python3 bench/torch_unet3d.py --channels 16,32,64,128 --size 64 --classes 14 --threads 2 --steps 10

Prints one JSON object: {"framework": "torch", "torch": version, "threads", "channels", "size",
"classes", "parameters", "step_ms_median", "step_ms_min", "steps_ms": [...]}.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_norm_act(cin, cout):
    return [nn.Conv3d(cin, cout, 3, padding=1, bias=False), nn.InstanceNorm3d(cout, affine=True), nn.LeakyReLU(0.01, inplace=True)]


class UNet3D(nn.Module):
    def __init__(self, in_channels, classes, channels):
        super().__init__()
        self.enc = nn.ModuleList()
        cin = in_channels
        for c in channels:
            self.enc.append(nn.Sequential(*conv_norm_act(cin, c), *conv_norm_act(c, c)))
            cin = c
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for i in range(len(channels) - 2, -1, -1):
            self.up.append(nn.ConvTranspose3d(channels[i + 1], channels[i], 2, stride=2))
            self.dec.append(nn.Sequential(*conv_norm_act(2 * channels[i], channels[i]), *conv_norm_act(channels[i], channels[i])))
        self.head = nn.Conv3d(channels[0], classes, 1)

    def forward(self, x):
        skips = []
        for i, enc in enumerate(self.enc):
            if i > 0:
                x = F.max_pool3d(x, 2)
            x = enc(x)
            skips.append(x)
        for j, (up, dec) in enumerate(zip(self.up, self.dec)):
            x = dec(torch.cat([up(x), skips[len(skips) - 2 - j]], 1))
        return self.head(x)


def dice_ce(logits, target):
    classes = logits.shape[1]
    one_hot = F.one_hot(target.long(), classes).permute(0, 4, 1, 2, 3).float()
    logp = F.log_softmax(logits, 1)
    prob = logp.exp()
    axes = (0, 2, 3, 4)
    tp = (prob * one_hot).sum(axes)
    den = prob.sum(axes) + one_hot.sum(axes)
    dice = (2 * tp + 1e-5) / (den + 1e-5)
    return (1 - dice).mean() - (logp * one_hot).sum(1).mean()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--channels", default="16,32,64,128")
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--classes", type=int, default=14)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    channels = [int(c) for c in args.channels.split(",")]
    net = UNet3D(1, args.classes, channels)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-5)
    s = args.size
    x = torch.randn(1, 1, s, s, s)
    y = torch.randint(0, args.classes, (1, s, s, s), dtype=torch.int32)
    times = []
    for i in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = dice_ce(net(x), y)
        loss.backward()
        opt.step()
        loss.item()
        dt = (time.perf_counter() - t0) * 1000
        if i >= args.warmup:
            times.append(dt)
    st = sorted(times)
    print(json.dumps({
        "framework": "torch", "torch": torch.__version__, "threads": args.threads, "channels": channels,
        "size": s, "classes": args.classes, "parameters": sum(p.numel() for p in net.parameters()),
        "step_ms_median": st[len(st) // 2], "step_ms_min": st[0], "steps_ms": [round(t, 1) for t in times]}))


if __name__ == "__main__":
    main()

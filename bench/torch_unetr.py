#!/usr/bin/python3
"""PyTorch eager twins of dynaseg's UNETR and Lambda3D training steps, for docs/BENCHMARKS.md.

Same networks as dynaseg.nn.Unetr / dynaseg.nn.Lambda3d (presets "cpu" and "paper"): MONAI's UNETR
layout (ViT with conv patch embedding, pre-norm blocks, skips after blocks 3, 6, 9 and the final
LayerNorm; UnetResBlock with InstanceNorm3d(affine) + LeakyReLU(0.01); ConvTranspose3d(k=2, s=2)
without bias; 1x1x1 head), and for Lambda3D every self-attention replaced by a 3D lambda layer
(Bello 2021) on a token grid of patch 8 (the deepest skip and decoder step then project with
1x1x1 convolutions). Same loss as bench/torch_unet3d.py (soft Dice + cross-entropy), AdamW. The
state_dict names are those dynaseg.export.TorchTwins writes to .safetensors files
(bench/torch_from_safetensors.py loads them); SafetensorsTwinTest checks that the loaded twins give
dynaseg's logits.

    python3 bench/torch_unetr.py --model unetr --preset cpu --size 64 --classes 14 --threads 2 --steps 10
    python3 bench/torch_unetr.py --model lambda3d --preset cpu --count-only

--lambda-impl banded (default) computes the position lambdas as dynaseg does (a banded T x T
relative-position matrix and matrix products); --lambda-impl conv uses the 2D reference code's
Conv3d over the value features (same numbers, much slower backward on CPU).

Prints one JSON object: {"framework": "torch", "torch", "model", "preset", "threads", "size",
"classes", "parameters", "step_ms_median", "step_ms_min", "steps_ms": [...]}.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PRESETS = {
    "unetr": {
        "paper": dict(patch=16, hidden=768, mlp=3072, heads=12, layers=12, feature=16),
        "cpu": dict(patch=16, hidden=96, mlp=384, heads=4, layers=12, feature=8),
    },
    "lambda3d": {
        "paper": dict(patch=8, hidden=768, mlp=3072, heads=4, layers=12, feature=16, key=16, intra=1, r=7),
        "cpu": dict(patch=8, hidden=96, mlp=384, heads=4, layers=12, feature=8, key=16, intra=1, r=7),
    },
}
SKIPS = (3, 6, 9)  # 1-based transformer blocks feeding the 1/2, 1/4, 1/8 skips


class SelfAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden, bias=False)
        self.out = nn.Linear(hidden, hidden)

    def forward(self, x):
        n, t, c = x.shape
        q, k, v = self.qkv(x).reshape(n, t, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-2, -1) * (c // self.heads) ** -0.5).softmax(-1)
        return self.out((att @ v).transpose(1, 2).reshape(n, t, c))


def offset_matrix(g, r):
    """(g*g, r) one-hot: row (n, m) has a 1 at m - n + r//2 when |m - n| <= r//2."""
    p = r // 2
    s = torch.zeros(g, g, r)
    for n in range(g):
        for m in range(max(0, n - p), min(g, n + p + 1)):
            s[n, m, m - n + p] = 1
    return s.reshape(g * g, r)


class LambdaLayer3d(nn.Module):
    def __init__(self, dim, grid, dim_out, key=16, intra=1, heads=4, r=7, impl="banded"):
        super().__init__()
        self.grid, self.k, self.u, self.h, self.r, self.impl = grid, key, intra, heads, r, impl
        self.v = dim_out // heads
        self.to_q = nn.Linear(dim, key * heads, bias=False)
        self.to_k = nn.Linear(dim, key * intra, bias=False)
        self.to_v = nn.Linear(dim, self.v * intra, bias=False)
        self.norm_q = nn.BatchNorm1d(key * heads)
        self.norm_v = nn.BatchNorm1d(self.v * intra)
        bound = 1 / (intra * r ** 3) ** 0.5
        self.embedding = nn.Parameter(torch.empty(r, r, r, intra, key).uniform_(-bound, bound))
        for i, g in enumerate(grid):
            self.register_buffer(f"s{i}", offset_matrix(g, r), persistent=False)

    def banded(self):
        r, (gd, gh, gw) = self.r, self.grid
        c = self.u * self.k
        p = self.s2 @ self.embedding.reshape(r * r, r, c)
        p = self.s1 @ p.reshape(r, r, gw * gw * c)
        p = self.s0 @ p.reshape(r, gh * gh * gw * gw * c)
        t = gd * gh * gw
        return p.reshape(gd, gd, gh, gh, gw, gw, c).permute(0, 2, 4, 1, 3, 5, 6).reshape(t, t * self.u, self.k)

    def forward(self, x):
        n, t, _ = x.shape
        k, u, h, v = self.k, self.u, self.h, self.v
        q = self.norm_q(self.to_q(x).transpose(1, 2)).transpose(1, 2).reshape(n, t, h, k)
        keys = self.to_k(x).reshape(n, t, u, k).softmax(1)
        values = self.norm_v(self.to_v(x).transpose(1, 2)).transpose(1, 2).reshape(n, t * u, v)
        content = q.reshape(n, t * h, k) @ (keys.reshape(n, t * u, k).transpose(1, 2) @ values)
        if self.impl == "banded":
            weights = (self.banded() @ q.permute(1, 3, 0, 2).reshape(t, k, n * h))
            weights = weights.reshape(t, t * u, n, h).permute(2, 0, 3, 1).reshape(n, t * h, t * u)
            position = weights @ values
        else:  # reference: Conv3d from u to k channels over the grid, once per value feature
            per_feature = values.reshape(n, t, u, v).permute(0, 3, 2, 1).reshape(n * v, u, *self.grid)
            weight = self.embedding.permute(4, 3, 0, 1, 2)  # (k, u, r, r, r)
            lam = F.conv3d(per_feature, weight, padding=self.r // 2).reshape(n, v, k, t).permute(0, 3, 2, 1)
            position = (q @ lam).reshape(n, t * h, v)
        return (content + position).reshape(n, t, h * v)


class TransformerBlock(nn.Module):
    def __init__(self, hidden, mlp, mixer):
        super().__init__()
        self.norm1, self.mixer, self.norm2 = nn.LayerNorm(hidden), mixer, nn.LayerNorm(hidden)
        self.mlp = nn.Sequential(nn.Linear(hidden, mlp), nn.GELU(), nn.Linear(mlp, hidden))

    def forward(self, x):
        x = x + self.mixer(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ResBlock(nn.Module):
    """MONAI's UnetResBlock with affine instance norms."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, padding=1, bias=False)
        self.norm1 = nn.InstanceNorm3d(cout, affine=True)
        self.conv2 = nn.Conv3d(cout, cout, 3, padding=1, bias=False)
        self.norm2 = nn.InstanceNorm3d(cout, affine=True)
        self.proj = None
        if cin != cout:
            self.proj = nn.Sequential(nn.Conv3d(cin, cout, 1, bias=False), nn.InstanceNorm3d(cout, affine=True))

    def forward(self, x):
        y = self.norm2(self.conv2(F.leaky_relu(self.norm1(self.conv1(x)), 0.01)))
        return F.leaky_relu(y + (x if self.proj is None else self.proj(x)), 0.01)


def up(cin, cout, upsample=True):
    return nn.ConvTranspose3d(cin, cout, 2, stride=2, bias=False) if upsample else nn.Conv3d(cin, cout, 1, bias=False)


class PrUp(nn.Module):
    def __init__(self, hidden, c, ups):
        super().__init__()
        layers = [up(hidden, c, ups > 0)]
        for _ in range(ups - 1):
            layers += [up(c, c), ResBlock(c, c)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


class UpBlock(nn.Module):
    def __init__(self, cin, c, upsample=True):
        super().__init__()
        self.up, self.conv = up(cin, c, upsample), ResBlock(2 * c, c)

    def forward(self, x, skip):
        return self.conv(torch.cat([self.up(x), skip], 1))


class Unetr(nn.Module):
    def __init__(self, in_channels, classes, size, patch, hidden, mlp, heads, layers, feature, mixer=None):
        super().__init__()
        levels = patch.bit_length() - 1
        self.grid = (size // patch,) * 3
        self.hidden = hidden
        self.embed = nn.Conv3d(in_channels, hidden, patch, stride=patch)
        self.pos = nn.Parameter(torch.randn(1, (size // patch) ** 3, hidden) * 0.02)
        self.blocks = nn.ModuleList(
            TransformerBlock(hidden, mlp, mixer() if mixer else SelfAttention(hidden, heads)) for _ in range(layers))
        self.norm = nn.LayerNorm(hidden)
        fs = feature
        self.encoder1 = ResBlock(in_channels, fs)
        self.encoder2 = PrUp(hidden, 2 * fs, levels - 1)
        self.encoder3 = PrUp(hidden, 4 * fs, levels - 2)
        self.encoder4 = PrUp(hidden, 8 * fs, levels - 3)
        self.decoder5 = UpBlock(hidden, 8 * fs, levels == 4)
        self.decoder4 = UpBlock(8 * fs, 4 * fs)
        self.decoder3 = UpBlock(4 * fs, 2 * fs)
        self.decoder2 = UpBlock(2 * fs, fs)
        self.out = nn.Conv3d(fs, classes, 1)

    def grid_of(self, tokens):
        return tokens.transpose(1, 2).reshape(tokens.shape[0], self.hidden, *self.grid)

    def forward(self, x_in):
        x = self.embed(x_in).flatten(2).transpose(1, 2) + self.pos
        skips = []
        for i, block in enumerate(self.blocks):
            x = block(x)
            if i + 1 in SKIPS:
                skips.append(x)
        x = self.norm(x)
        enc1 = self.encoder1(x_in)
        enc2 = self.encoder2(self.grid_of(skips[0]))
        enc3 = self.encoder3(self.grid_of(skips[1]))
        enc4 = self.encoder4(self.grid_of(skips[2]))
        d = self.decoder5(self.grid_of(x), enc4)
        d = self.decoder4(d, enc3)
        d = self.decoder3(d, enc2)
        return self.out(self.decoder2(d, enc1))


def build(model, preset, in_channels, classes, size, lambda_impl="banded"):
    cfg = dict(PRESETS[model][preset])
    mixer = None
    if model == "lambda3d":
        g = size // cfg["patch"]
        key, intra, r = cfg.pop("key"), cfg.pop("intra"), cfg.pop("r")
        hidden, heads = cfg["hidden"], cfg["heads"]
        mixer = lambda: LambdaLayer3d(hidden, (g, g, g), hidden, key, intra, heads, r, lambda_impl)  # noqa: E731
    return Unetr(in_channels, classes, size, mixer=mixer, **cfg)


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
    ap.add_argument("--model", choices=["unetr", "lambda3d"], default="unetr")
    ap.add_argument("--preset", choices=["cpu", "paper"], default="cpu")
    ap.add_argument("--size", type=int, default=0, help="input edge (default: 64 for cpu, 96 for paper)")
    ap.add_argument("--in-channels", type=int, default=1)
    ap.add_argument("--classes", type=int, default=14)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--lambda-impl", choices=["banded", "conv"], default="banded")
    ap.add_argument("--count-only", action="store_true", help="print the parameter count and exit")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    s = args.size or (64 if args.preset == "cpu" else 96)
    net = build(args.model, args.preset, args.in_channels, args.classes, s, args.lambda_impl)
    parameters = sum(p.numel() for p in net.parameters())
    result = {"framework": "torch", "torch": torch.__version__, "model": args.model, "preset": args.preset,
              "threads": args.threads, "size": s, "classes": args.classes, "parameters": parameters}
    if args.count_only:
        print(json.dumps(result))
        return
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-5)
    x = torch.randn(1, args.in_channels, s, s, s)
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
    result.update({"lambda_impl": args.lambda_impl if args.model == "lambda3d" else None,
                   "step_ms_median": st[len(st) // 2], "step_ms_min": st[0], "steps_ms": [round(t, 1) for t in times]})
    print(json.dumps(result))


if __name__ == "__main__":
    main()

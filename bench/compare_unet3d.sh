#!/usr/bin/env bash
# Training step (forward, backward, AdamW) of UNet3D in dynaseg (DJL) and in PyTorch eager
# (bench/torch_unet3d.py, Debian's python3-torch), same network, patch, classes and thread count,
# run alternately in one go so both see the same machine load. Prints one JSON line per round and
# the ratio of the medians (DJL / PyTorch; below 1 = dynaseg faster).
#   bench/compare_unet3d.sh [channels=16,32,64,128] [size=64] [classes=14] [rounds=3] [repeats=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
channels="${1:-16,32,64,128}"; size="${2:-64}"; classes="${3:-14}"; rounds="${4:-3}"; repeats="${5:-5}"
threads="${DYNASEG_THREADS:-$(nproc)}"
python="${DYNASEG_PYTHON:-/usr/bin/python3}"
if [ "$size" != 64 ]; then echo "dynaseg models times the preset patch (64^3 for cpu); size must be 64" >&2; exit 2; fi
djl=(); pt=()
for r in $(seq "$rounds"); do
  j=$(DYNASEG_THREADS="$threads" "$here/bin/dynaseg" models --json --model unet3d --preset cpu --channels "$channels" \
        --classes "$classes" --repeats "$repeats" --with-optimizer 2>/dev/null | tr -d '\n ')
  t=$("$python" "$here/bench/torch_unet3d.py" --channels "$channels" --size "$size" --classes "$classes" \
        --threads "$threads" --steps "$repeats" --warmup 1)
  echo "round $r dynaseg: $j"
  echo "round $r torch:   $t"
  djl+=("$(echo "$j" | "$python" -c 'import json,sys; print(json.load(sys.stdin)[0]["step_ms"])')")
  pt+=("$(echo "$t" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["step_ms_median"])')")
done
"$python" - "${djl[*]}" "${pt[*]}" "$channels" "$threads" <<'PY'
import statistics, sys, json
d = [float(v) for v in sys.argv[1].split()]; t = [float(v) for v in sys.argv[2].split()]
print(json.dumps({"channels": sys.argv[3], "threads": int(sys.argv[4]), "dynaseg_step_ms": statistics.median(d),
                  "torch_step_ms": statistics.median(t), "ratio_dynaseg_over_torch": round(statistics.median(d) / statistics.median(t), 3)}))
PY

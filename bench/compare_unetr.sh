#!/usr/bin/env bash
# Training step (forward, backward, AdamW) of the cpu presets of UNETR and Lambda3D in dynaseg
# (DJL) and in PyTorch eager (bench/torch_unetr.py, Debian's python3-torch): same networks, 64^3
# patch, classes and thread count, run alternately in one go so both see the same machine load.
# Prints one JSON line per round and model, then per model the ratio of the medians
# (DJL / PyTorch; below 1 = dynaseg faster).
#   bench/compare_unetr.sh [models=unetr,lambda3d] [classes=14] [rounds=3] [repeats=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models="${1:-unetr,lambda3d}"; classes="${2:-14}"; rounds="${3:-3}"; repeats="${4:-5}"
threads="${DYNASEG_THREADS:-$(nproc)}"
python="${DYNASEG_PYTHON:-/usr/bin/python3}"
for model in ${models//,/ }; do
  djl=(); pt=()
  for r in $(seq "$rounds"); do
    j=$(DYNASEG_THREADS="$threads" "$here/bin/dynaseg" models --json --model "$model" --preset cpu \
          --classes "$classes" --repeats "$repeats" --with-optimizer 2>/dev/null | tr -d '\n ')
    t=$("$python" "$here/bench/torch_unetr.py" --model "$model" --preset cpu --size 64 --classes "$classes" \
          --threads "$threads" --steps "$repeats" --warmup 1)
    echo "round $r $model dynaseg: $j"
    echo "round $r $model torch:   $t"
    djl+=("$(echo "$j" | "$python" -c 'import json,sys; print(json.load(sys.stdin)[0]["step_ms"])')")
    pt+=("$(echo "$t" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["step_ms_median"])')")
  done
  "$python" - "${djl[*]}" "${pt[*]}" "$model" "$threads" <<'PY'
import statistics, sys, json
d = [float(v) for v in sys.argv[1].split()]; t = [float(v) for v in sys.argv[2].split()]
print(json.dumps({"model": sys.argv[3], "preset": "cpu", "threads": int(sys.argv[4]),
                  "dynaseg_step_ms": statistics.median(d), "torch_step_ms": statistics.median(t),
                  "ratio_dynaseg_over_torch": round(statistics.median(d) / statistics.median(t), 3)}))
PY
done

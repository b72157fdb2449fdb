#!/usr/bin/env bash
# Scans per minute of plain `dynaseg predict` and of `predict --spark 'local[N]'` on the same phantoms,
# and whether both write the same files. Run it on a quiet machine (uptime's load well under 1).
#   bench/spark_predict.sh [WORK_DIR] [CASES] [SIZE] [MASTER]
# Defaults: /tmp/dynaseg-spark-predict, 16 phantoms of 96^3, local[2]. Prints a markdown row for docs/BENCHMARKS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/dynaseg-spark-predict}"
cases="${2:-16}"
size="${3:-96}"
master="${4:-local[2]}"
ds="$here/bin/dynaseg"
mkdir -p "$work"
[ -f "$work/data/dataset.json" ] || "$ds" synth --out "$work/data" --cases "$cases" --size "$size" --spacing 1.5,1.5,2.0 >/dev/null
if [ ! -f "$work/model.zip" ]; then
  # a small UNet3D (cpu preset) trained briefly: inference time does not depend on how well it learnt
  "$ds" train --data "$work/data" --out "$work/run" --epochs 1 --iterations-per-epoch 2 --patch 64 >/dev/null
  "$ds" export "$work/run" --out "$work/model.zip" >/dev/null
fi
rm -rf "$work/pred-plain" "$work/pred-spark"
t0=$(date +%s.%N)
"$ds" predict --model "$work/model.zip" -i "$work/data/imagesTr" -o "$work/pred-plain" --progress lines >/dev/null
t1=$(date +%s.%N)
"$ds" predict --model "$work/model.zip" -i "$work/data/imagesTr" -o "$work/pred-spark" --spark "$master" >/dev/null
t2=$(date +%s.%N)
same=yes
(cd "$work/pred-plain" && find . -type f | sort) > "$work/files-plain.txt"
(cd "$work/pred-spark" && find . -type f | sort) > "$work/files-spark.txt"
cmp -s "$work/files-plain.txt" "$work/files-spark.txt" || same=no
while read -r f; do cmp -s "$work/pred-plain/$f" "$work/pred-spark/$f" || same=no; done < "$work/files-plain.txt"
plain=$(echo "$t1 - $t0" | bc -l); spark=$(echo "$t2 - $t1" | bc -l)
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
echo "machine: $cpu, $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| scans | plain predict (whole command) | --spark $master (whole command) | same files |"
echo "| --- | --- | --- | --- |"
printf "| %d of %d^3 | %.1f s, %.1f scans/min | %.1f s, %.1f scans/min | %s |\n" "$cases" "$size" "$plain" \
  "$(echo "$cases * 60 / $plain" | bc -l)" "$spark" "$(echo "$cases * 60 / $spark" | bc -l)" "$same"

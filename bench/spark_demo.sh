#!/usr/bin/env bash
# Wall time of the quick demo run one run after the other and as a local Spark sweep, and whether the
# reports agree. Training is deterministic for a given PyTorch thread count; by default the sweep gives
# each run the plain command's threads (all cores, so local[2] on 2 cores trains one run at a time), and
# its report must equal the sequential one byte for byte. With --threads 1 it trains 2 runs at a time.
#   bench/spark_demo.sh [WORK_DIR] [MASTER]      (defaults: /tmp/dynaseg-spark-demo, local[2])
# Run it on a quiet machine; it takes three quick demos (about 10 minutes on 2 cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/dynaseg-spark-demo}"
master="${2:-local[2]}"
ds="$here/bin/dynaseg"
rm -rf "$work"; mkdir -p "$work"
"$ds" --version >/dev/null   # build first, outside the timings
secs() { local t0 t1; t0=$(date +%s.%N); "$@" > "$work/$label.log" 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
label=seq;      t_seq=$(secs "$ds" demo --quick --out "$work/seq")
label=spark;    t_spark=$(secs "$ds" demo --quick --spark "$master" --out "$work/spark")
label=spark-t1; t_one=$(secs "$ds" demo --quick --spark "$master" --threads 1 --out "$work/spark-t1")
same=no; cmp -s "$work/seq/quick/report/report.csv" "$work/spark/quick/report/report.csv" && same=yes
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
echo "machine: $cpu, $(nproc) cores"
echo "| quick demo (8 runs, phantoms synthesized in each) | wall time | report.csv equal to the sequential one |"
echo "| --- | --- | --- |"
printf "| sequential, %d threads (default) | %.1f min | - |\n" "$(nproc)" "$(echo "$t_seq / 60" | bc -l)"
printf "| --spark %s (default: %d threads per run) | %.1f min | %s |\n" "$master" "$(nproc)" "$(echo "$t_spark / 60" | bc -l)" "$same"
printf "| --spark %s --threads 1 | %.1f min | (equals DYNASEG_THREADS=1 sequential) |\n" "$master" "$(echo "$t_one / 60" | bc -l)"

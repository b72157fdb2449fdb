#!/usr/bin/env bash
# Wall time of the quick demo run one run after the other and as a local Spark sweep, and whether the
# two reports agree. Training is deterministic for a given PyTorch thread count: the sweep gives each
# of its N runs cores/N threads, so the sequential demo is run with that count too (DYNASEG_THREADS)
# for the comparison of numbers, and with all cores for the time a user gets by default.
#   bench/spark_demo.sh [WORK_DIR] [MASTER]      (defaults: /tmp/dynaseg-spark-demo, local[2])
# Run it on a quiet machine; it takes three quick demos (about 10 minutes on 2 cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/dynaseg-spark-demo}"
master="${2:-local[2]}"
ds="$here/bin/dynaseg"
n=$(echo "$master" | sed -E 's/^local\[([0-9]+).*/\1/')
per=$(( $(nproc) / n )); [ "$per" -ge 1 ] || per=1
rm -rf "$work"; mkdir -p "$work"
"$ds" --version >/dev/null   # build first, outside the timings
secs() { local t0 t1; t0=$(date +%s.%N); "$@" > "$work/$label.log" 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
label=seq-all;   t_all=$(secs "$ds" demo --quick --out "$work/seq-all")
label=seq-same;  t_same=$(secs env DYNASEG_THREADS="$per" "$ds" demo --quick --out "$work/seq-same")
label=spark;     t_spark=$(secs "$ds" demo --quick --spark "$master" --out "$work/spark")
same=no; cmp -s "$work/seq-same/quick/report/report.csv" "$work/spark/quick/report/report.csv" && same=yes
same_all=no; cmp -s "$work/seq-all/quick/report/report.csv" "$work/spark/quick/report/report.csv" && same_all=yes
cpu=$(grep -m1 "model name" /proc/cpuinfo | sed 's/.*: //')
echo "machine: $cpu, $(nproc) cores"
echo "| quick demo (8 runs, phantoms synthesized in each) | wall time | report.csv equal to the sweep's |"
echo "| --- | --- | --- |"
printf "| sequential, %d threads (default) | %.1f min | %s |\n" "$(nproc)" "$(echo "$t_all / 60" | bc -l)" "$same_all"
printf "| sequential, %d thread(s) per run | %.1f min | %s |\n" "$per" "$(echo "$t_same / 60" | bc -l)" "$same"
printf "| --spark %s, %d thread(s) per run | %.1f min | - |\n" "$master" "$per" "$(echo "$t_spark / 60" | bc -l)"

#!/usr/bin/env bash
# HTJ2K lossless encode/decode throughput: OpenJPH (ojph_compress/ojph_expand) vs Hounsfield's managed
# codec on the same CT-like 512x512 16-bit frames, plus our JPEG 2000 (EBCOT) codec for the HT speed-up.
#   bash bench/codecs/htj2k-vs-openjph.sh [FRAMES=20]
# OpenJPH runs one process per frame (PGM in, J2C out); its CPU time includes start-up, measured on a
# 1x1 image and subtracted ("net"), and file I/O. Hounsfield's time is codec-only CPU time in one
# process, best of five passes after ten warm-up passes. OpenJPH is best of three runs.
set -euo pipefail
frames=${1:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/hf-htj2k-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/bench/Hounsfield.Benchmarks" -v q -nologo >/dev/null
bench="$root/bench/Hounsfield.Benchmarks/bin/Release/net10.0/Hounsfield.Benchmarks"
"$bench" htj2k-make "$work/pgm" "$frames"
printf 'P5\n1 1\n65535\n\0\0' > "$work/tiny.pgm"
mkdir -p "$work/ojph" "$work/out"

now() { times > "$work/times"; _now=$(tail -1 "$work/times" | awk '{s=0; for (i=1; i<=NF; i++) { split($i, m, "m"); s += m[1]*60 + m[2] } printf "%.3f", s}'); }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }

ojph_compress -i "$work/tiny.pgm" -o "$work/tiny.j2c" -reversible true -num_decomps 0 >/dev/null
now; t0=$_now; for i in $(seq 10); do ojph_compress -i "$work/tiny.pgm" -o "$work/tiny.j2c" -reversible true -num_decomps 0 >/dev/null; done; now; t1=$_now
startup_c=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')
now; t0=$_now; for i in $(seq 10); do ojph_expand -i "$work/tiny.j2c" -o "$work/tiny-out.pgm" >/dev/null; done; now; t1=$_now
startup_d=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')

enc=999999; dec=999999
for run in 1 2 3; do
  now; t0=$_now
  for f in "$work"/pgm/*.pgm; do ojph_compress -i "$f" -o "$work/ojph/$(basename "${f%.pgm}").j2c" -reversible true >/dev/null; done
  now; t1=$_now
  enc=$(awk -v a="$enc" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
  now; t0=$_now
  for f in "$work"/ojph/*.j2c; do ojph_expand -i "$f" -o "$work/out/$(basename "${f%.j2c}").pgm" >/dev/null; done
  now; t1=$_now
  dec=$(awk -v a="$dec" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
done
mb=$(awk -v n="$frames" 'BEGIN{printf "%.1f", n*512*512*2/1e6}')
ojph_bytes=$(du -cb "$work"/ojph/*.j2c | tail -1 | cut -f1)
echo "data: $frames frames of 512x512 16-bit CT-like, $mb MB native"
awk -v t="$enc" -v s="$startup_c" -v n="$frames" -v mb="$mb" -v b="$ojph_bytes" 'BEGIN{net=t-s*n; printf "ojph_compress: %.0f ms CPU (net of start-up %.1f ms/process) = %.1f MB/s, ratio %.2f:1\n", net*1000, s*1000, mb/net, mb*1e6/b}'
awk -v t="$dec" -v s="$startup_d" -v n="$frames" -v mb="$mb" 'BEGIN{net=t-s*n; printf "ojph_expand: %.0f ms CPU (net of start-up %.1f ms/process) = %.1f MB/s\n", net*1000, s*1000, mb/net}'
"$bench" htj2k-run "$work/pgm" "$work/ojph" 5

#!/usr/bin/env bash
# JPEG 2000 decode/encode throughput: OpenJPEG 2.5 (opj_compress/opj_decompress) vs Hounsfield's
# managed codec on the same frames and the same code streams, lossless and lossy.
#   bash bench/codecs/jpeg2000-vs-openjpeg.sh [FRAMES] [ct16|rgb8] [RATIO]
# (default 8 frames of a 512x512 16-bit CT-like image, lossy ratio 10)
# OpenJPEG runs one process per frame on raw files; its time includes process start-up and file
# I/O. Start-up is measured on a 1x1 image and subtracted ("net"). Hounsfield's time is codec-only,
# in one process, best of three passes after a warm-up; OpenJPEG is best of three runs. Both are CPU
# time (user + system), which a loaded machine disturbs least; our decoder's parallel tier-1 uses
# both cores, so its wall time is lower than its CPU time.
set -euo pipefail
frames=${1:-8}
kind=${2:-ct16}
ratio=${3:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/hf-j2k-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$root/bench/Hounsfield.Benchmarks" -v q -nologo >/dev/null
bench="$root/bench/Hounsfield.Benchmarks/bin/Release/net10.0/Hounsfield.Benchmarks"
if [ "$kind" = rgb8 ]; then format=512,512,3,8,u; tiny=1,1,3,8,u; else format=512,512,1,16,u; tiny=1,1,1,16,u; fi

"$bench" jpeg2000-images "$work/raw" "$frames" "$kind"
mb=$(du -cb "$work"/raw/*.rawl | tail -1 | awk '{printf "%.2f", $1/1e6}')
head -c "$([ "$kind" = rgb8 ] && echo 3 || echo 2)" /dev/zero > "$work/tiny.rawl"

now() { times > "$work/times"; _now=$(tail -1 "$work/times" | awk '{s=0; for (i=1; i<=NF; i++) { split($i, m, "m"); s += m[1]*60 + m[2] } printf "%.3f", s}'); }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }

# Start-up of one OpenJPEG process (1x1 image), averaged over 10 runs.
opj_compress -i "$work/tiny.rawl" -o "$work/tiny.j2k" -F "$tiny" -n 1 >/dev/null
now; t0=$_now; for i in $(seq 10); do opj_compress -i "$work/tiny.rawl" -o "$work/tiny2.j2k" -F "$tiny" -n 1 >/dev/null; done; now; t1=$_now
startup_c=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')
now; t0=$_now; for i in $(seq 10); do opj_decompress -i "$work/tiny.j2k" -o "$work/tiny-out.rawl" >/dev/null; done; now; t1=$_now
startup_d=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')

# mode name, opj_compress options, our ratio
run() {
  local mode=$1 opts=$2 ours_ratio=$3
  mkdir -p "$work/$mode-opj" "$work/$mode-dec"
  local enc=999999 dec=999999
  for r in 1 2 3; do
    now; t0=$_now
    for f in "$work"/raw/*.rawl; do opj_compress -i "$f" -o "$work/$mode-opj/$(basename "$f" .rawl).j2k" -F "$format" $opts >/dev/null; done
    now; t1=$_now; enc=$(awk -v a="$enc" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
    now; t0=$_now
    for f in "$work/$mode-opj"/*.j2k; do opj_decompress -i "$f" -o "$work/$mode-dec/$(basename "$f" .j2k).rawl" >/dev/null; done
    now; t1=$_now; dec=$(awk -v a="$dec" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
  done
  local opj_size; opj_size=$(du -cb "$work/$mode-opj"/*.j2k | tail -1 | cut -f1)
  # Wall time of the decoders on the same streams: ours in one process (tier-1 on all cores), OpenJPEG
  # one process per frame (default single thread), start-up included.
  local wall=999999
  for r in 1 2 3; do
    local w0 w1; w0=$(date +%s.%N)
    for f in "$work/$mode-opj"/*.j2k; do opj_decompress -i "$f" -o "$work/$mode-dec/$(basename "$f" .j2k).rawl" >/dev/null; done
    w1=$(date +%s.%N); wall=$(awk -v a="$wall" -v b="$(secs "$w0" "$w1")" 'BEGIN{print (b<a)?b:a}')
  done
  local ow; ow=$("$bench" jpeg2000-decode "$work/$mode-opj" "$kind")
  echo "[$mode] wall: $ow; opj_decompress $(awk -v mb="$mb" -v t="$wall" 'BEGIN{printf "%.1f MB/s (%.3f s incl. start-up)", mb/t, t}')"
  local od oe
  od=$(HF_BENCH_CPU=1 "$bench" jpeg2000-decode "$work/$mode-opj" "$kind")
  oe=$(HF_BENCH_CPU=1 "$bench" jpeg2000-encode "$work/raw" "$work/$mode-ours" "$kind" "$ours_ratio")
  echo "[$mode] $od"
  echo "[$mode] $oe"
  awk -v mb="$mb" -v n="$frames" -v dec="$dec" -v enc="$enc" -v sd="$startup_d" -v sc="$startup_c" -v size="$opj_size" -v mode="$mode" \
      -v od="$(echo "$od" | sed -E 's/.*= ([0-9.]+) MB\/s.*/\1/')" \
      -v oe="$(echo "$oe" | sed -E 's/.*= ([0-9.]+) MB\/s.*/\1/')" 'BEGIN{
    dn = dec - n*sd; en = enc - n*sc;
    printf "[%s] opj_decompress: %.3f s CPU, %.3f s net of start-up (%.1f ms/process) = %.1f MB/s\n", mode, dec, dn, sd*1000, mb/dn;
    printf "[%s] opj_compress:   %.3f s CPU, %.3f s net of start-up (%.1f ms/process) = %.1f MB/s, ratio %.2f:1\n", mode, enc, en, sc*1000, mb/en, mb*1e6/size;
    printf "[%s] decode (same streams): Hounsfield %.1f MB/s vs OpenJPEG %.1f MB/s -> OpenJPEG time / Hounsfield time = %.2f\n", mode, od, mb/dn, od/(mb/dn);
    printf "[%s] encode: Hounsfield %.1f MB/s vs OpenJPEG %.1f MB/s -> OpenJPEG time / Hounsfield time = %.2f\n", mode, oe, mb/en, oe/(mb/en);
  }'
}

echo "data: $frames frames of 512x512 $kind, $mb MB uncompressed"
run lossless "" 0
run lossy "-I -r $ratio" "$ratio"

#!/usr/bin/env bash
# JPEG-LS lossless decode/encode throughput: DCMTK 3.6.7 (dcmdjpls/dcmcjpls, CharLS inside) vs
# Hounsfield's managed codec on the same files.
#   bash bench/codecs/jpegls-vs-dcmtk.sh [FILES] [FRAMES] [ct16|rgb8]
# (default 8 files x 20 frames of a 512x512 16-bit CT-like image; rgb8 = 512x512 8-bit RGB, which
# both sides code line-interleaved)
# DCMTK runs one process per file; its time includes process start-up and file I/O. Start-up is
# measured on a 1x1 JPEG-LS file and subtracted ("net"). Hounsfield's time is codec-only, in one
# process, best of three passes after a warm-up; DCMTK is also best of three runs.
set -euo pipefail
files=${1:-8}
frames=${2:-20}
kind=${3:-ct16}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/hf-jpegls-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export TCP_NODELAY=1

dotnet build -c Release "$root/bench/Hounsfield.Benchmarks" -v q -nologo >/dev/null
bench="$root/bench/Hounsfield.Benchmarks/bin/Release/net10.0/Hounsfield.Benchmarks"

"$bench" make-images "$work/native" "$files" "$frames" "$kind"
"$bench" make-images "$work/tiny-native" 1 1 "$kind" >/dev/null
mb=$(du -cb "$work"/native/*.dcm | tail -1 | awk '{printf "%.1f", $1/1e6}')

# Times are CPU seconds (user + system) of the processes, not wall time: the benchmark machines are
# shared and loaded, and CPU time is what a busy neighbour disturbs least. "now" is the CPU time
# used so far by this shell's finished children.
export HF_BENCH_CPU=1
# Call as "now; t0=$_now" (not in a subshell, whose children are not ours).
now() { times > "$work/times"; _now=$(tail -1 "$work/times" | awk '{s=0; for (i=1; i<=NF; i++) { split($i, m, "m"); s += m[1]*60 + m[2] } printf "%.3f", s}'); }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }

# Start-up cost of one DCMTK process (tiny file), averaged over 10 runs.
dcmcjpls "$work/tiny-native/$kind-000.dcm" "$work/tiny.dcm"
now; t0=$_now; for i in $(seq 10); do dcmdjpls "$work/tiny.dcm" "$work/tiny-out.dcm"; done; now; t1=$_now
startup_d=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')
now; t0=$_now; for i in $(seq 10); do dcmcjpls "$work/tiny-native/$kind-000.dcm" "$work/tiny-out.dcm"; done; now; t1=$_now
startup_c=$(awk -v s="$(secs "$t0" "$t1")" 'BEGIN{printf "%.4f", s/10}')

# Best of three runs over all files, like the in-process best of three on our side.
mkdir -p "$work/dcmtk" "$work/dcmtk-dec"
enc=999999; dec=999999
for run in 1 2 3; do
  now; t0=$_now; for f in "$work"/native/*.dcm; do dcmcjpls "$f" "$work/dcmtk/$(basename "$f")"; done; now; t1=$_now
  enc=$(awk -v a="$enc" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
  now; t0=$_now; for f in "$work"/dcmtk/*.dcm; do dcmdjpls "$f" "$work/dcmtk-dec/$(basename "$f")"; done; now; t1=$_now
  dec=$(awk -v a="$dec" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
done
# DCMTK's own file handling: dcmconv reads and writes each uncompressed file (an upper bound on the
# non-codec CPU inside dcmdjpls/dcmcjpls, which read or write the smaller compressed file instead).
conv=999999
for run in 1 2 3; do
  now; t0=$_now; for f in "$work"/native/*.dcm; do dcmconv "$f" "$work/conv.dcm"; done; now; t1=$_now
  conv=$(awk -v a="$conv" -v b="$(secs "$t0" "$t1")" 'BEGIN{print (b<a)?b:a}')
done

echo "data: $files files x $frames frames of 512x512 $kind, $mb MB uncompressed"
ours_dec=$("$bench" jpegls-decode "$work/dcmtk"); echo "$ours_dec"
ours_enc=$("$bench" jpegls-encode "$work/native" "$work/ours" | head -1); echo "$ours_enc"

awk -v mb="$mb" -v n="$files" -v dec="$dec" -v enc="$enc" -v sd="$startup_d" -v sc="$startup_c" -v conv="$conv" \
    -v od="$(echo "$ours_dec" | sed -E 's/.*= ([0-9.]+) MB\/s.*/\1/')" \
    -v oe="$(echo "$ours_enc" | sed -E 's/.*= ([0-9.]+) MB\/s.*/\1/')" 'BEGIN{
  dn = dec - n*sd; en = enc - n*sc;
  printf "dcmdjpls: %.3f s total, %.3f s net of start-up (%.1f ms/process) = %.1f MB/s\n", dec, dn, sd*1000, mb/dn;
  printf "dcmcjpls: %.3f s total, %.3f s net of start-up (%.1f ms/process) = %.1f MB/s\n", enc, en, sc*1000, mb/en;
  printf "decode: Hounsfield %.1f MB/s vs DCMTK %.1f MB/s -> DCMTK time / Hounsfield time = %.2f\n", od, mb/dn, od/(mb/dn);
  printf "encode: Hounsfield %.1f MB/s vs DCMTK %.1f MB/s -> DCMTK time / Hounsfield time = %.2f\n", oe, mb/en, oe/(mb/en);
  printf "dcmconv on the same files (start-up + DICOM file I/O, no codec): %.3f s total = %.1f ms/process\n", conv, conv*1000/n;
}'

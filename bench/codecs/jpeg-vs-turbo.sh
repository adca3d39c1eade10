#!/usr/bin/env bash
# Times libjpeg-turbo (djpeg/cjpeg, SIMD) against Hounsfield's JPEG codec on the same 8-bit RGB
# baseline frames: FRAMES 512x512 photo-like frames, 4:2:2, quality 90, optimal Huffman tables.
# Decode: the same JPEG streams (made by DCMTK dcmcjpeg +eb, taken out of the DICOM file) through
# `djpeg` (one process per frame, output to /dev/null) and through our decoder (in process).
# Encode: the same RGB frames as PPM through `cjpeg -quality 90 -sample 2x1 -optimize` and through
# our encoder. Times are CPU time (user+system); libjpeg-turbo's per-process start-up is measured on
# an 8x8 image and subtracted. libjpeg-turbo 2.1 (Debian 12) has no lossless JPEG, so only baseline
# is compared here (lossless: bench/codecs/jpeg-vs-dcmtk.sh).
# Needs: dcmtk, libjpeg-turbo-progs. Usage: bench/codecs/jpeg-vs-turbo.sh [FRAMES=40] [REPEAT=5]
set -euo pipefail
FRAMES=${1:-40}
REPEAT=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
for t in dcmcjpeg djpeg cjpeg; do command -v $t >/dev/null || { echo "missing $t (apt-get install dcmtk libjpeg-turbo-progs)" >&2; exit 1; }; done
dotnet build -c Release "$ROOT/bench/Hounsfield.Benchmarks" -v q -nologo >/dev/null
B="$ROOT/bench/Hounsfield.Benchmarks/bin/Release/net10.0/Hounsfield.Benchmarks"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$B" jpeg-make "$W" 1 "$FRAMES" >/dev/null
mkdir -p "$W/rgb8-b"
dcmcjpeg +eb "$W/rgb8/0000.dcm" "$W/rgb8-b/0000.dcm"
"$B" jpeg-export "$W/rgb8-b" "$W/jpg" >/dev/null
"$B" jpeg-export "$W/rgb8" "$W/ppm" >/dev/null
printf 'P6\n8 8\n255\n' > "$W/tiny.ppm"; head -c 192 /dev/zero >> "$W/tiny.ppm"
cjpeg -quality 90 "$W/tiny.ppm" > "$W/tiny.jpg"

export JPEG_BENCH_CPU=1
cpu_of() { /usr/bin/time -f "%U %S" -o "$W/time" bash -c "$1" >/dev/null 2>&1; awk '{print $1 + $2}' "$W/time"; }
best() { local b=999999 t; for _ in $(seq "$REPEAT"); do t=$(cpu_of "$1"); if (( $(echo "$t < $b" | bc -l) )); then b=$t; fi; done; echo "$b"; }
ours() { "$B" "$@" | sed -E 's/.* in ([0-9.]+) s.*/\1/'; }
dec=$(best "for f in $W/jpg/*.jpg; do djpeg -outfile /dev/null \$f; done")
dec0=$(best "for f in $W/jpg/*.jpg; do djpeg -outfile /dev/null $W/tiny.jpg; done")
enc=$(best "for f in $W/ppm/*.ppm; do cjpeg -quality 90 -sample 2x1 -optimize -outfile /dev/null \$f; done")
enc0=$(best "for f in $W/ppm/*.ppm; do cjpeg -quality 90 -outfile /dev/null $W/tiny.ppm; done")
ours_dec=$(ours jpeg-decode "$W/rgb8-b" "$REPEAT")
ours_enc=$(ours jpeg-encode "$W/rgb8" baseline "$REPEAT")
bytes=$((512 * 512 * 3 * FRAMES))
echo "frames: $FRAMES, best of $REPEAT; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(djpeg -version 2>&1 | head -1)"
row() { # label turbo-seconds startup-seconds ours-seconds
  local net; net=$(echo "$2 - $3" | bc -l)
  printf "%-34s libjpeg-turbo %7.1f MB/s (%.3f s - start-up %.3f s)   ours %7.1f MB/s (%.3f s)   ours/turbo time %.2f\n" \
    "$1" "$(echo "$bytes / 1000000 / $net" | bc -l)" "$2" "$3" "$(echo "$bytes / 1000000 / $4" | bc -l)" "$4" "$(echo "$4 / $net" | bc -l)"
}
row "decode baseline RGB 8-bit 4:2:2" "$dec" "$dec0" "$ours_dec"
row "encode baseline RGB 8-bit q90 4:2:2" "$enc" "$enc0" "$ours_enc"

#!/usr/bin/env bash
# Times DCMTK (dcmdjpeg/dcmcjpeg, IJG code) against Hounsfield's JPEG codec on the same frames:
# one file of FRAMES 512x512 frames per kind (16-bit CT-like lossless SV1, 8-bit RGB baseline 4:2:2).
# DCMTK's time is the best CPU time (user+system) of REPEAT runs minus the best of REPEAT runs of dcmconv doing the same
# file I/O without the codec; ours is the best CPU time of REPEAT in-process passes (codec only).
# /usr/bin/time reports 10 ms resolution: use FRAMES >= 40.
# Usage: bench/codecs/jpeg-vs-dcmtk.sh [FRAMES=40] [REPEAT=5]
set -euo pipefail
FRAMES=${1:-40}
REPEAT=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export TCP_NODELAY=1
for t in dcmcjpeg dcmdjpeg dcmconv; do command -v $t >/dev/null || { echo "missing DCMTK tool $t" >&2; exit 1; }; done
dotnet build -c Release "$ROOT/bench/Hounsfield.Benchmarks" -v q -nologo >/dev/null
B="$ROOT/bench/Hounsfield.Benchmarks/bin/Release/net10.0/Hounsfield.Benchmarks"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$B" jpeg-make "$W" 1 "$FRAMES"
mkdir -p "$W/ct16-sv1" "$W/rgb8-b"
dcmcjpeg +e1 "$W/ct16/0000.dcm" "$W/ct16-sv1/0000.dcm"
dcmcjpeg +eb "$W/rgb8/0000.dcm" "$W/rgb8-b/0000.dcm"

# The machine may be shared: measure CPU time (user + system), not wall time, on both sides.
export JPEG_BENCH_CPU=1
best() { # best CPU time in seconds of REPEAT runs of "$@"
  local b=999999 t
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%U %S" -o "$W/time" "$@" >/dev/null 2>&1
    t=$(awk '{print $1 + $2}' "$W/time")
    if (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  echo "$b"
}
ours() { "$B" "$@" | sed -E 's/.* in ([0-9.]+) s.*/\1/'; }
row() { # label native-bytes dcmtk-seconds io-seconds ours-seconds
  local codec=$(echo "$3 - $4" | bc -l)
  printf "%-28s DCMTK %7.1f MB/s (%.3f s - I/O %.3f s)   ours %7.1f MB/s (%.3f s)   ours/DCMTK time %.2f\n" \
    "$1" "$(echo "$2 / 1000000 / $codec" | bc -l)" "$3" "$4" "$(echo "$2 / 1000000 / $5" | bc -l)" "$5" "$(echo "$5 / $codec" | bc -l)"
}
CT=$((512 * 512 * 2 * FRAMES)); RGB=$((512 * 512 * 3 * FRAMES))
echo "frames: $FRAMES per kind, best of $REPEAT; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
row "decode lossless SV1 16-bit" $CT "$(best dcmdjpeg "$W/ct16-sv1/0000.dcm" "$W/o.dcm")" "$(best dcmconv "$W/ct16-sv1/0000.dcm" "$W/o.dcm")" "$(ours jpeg-decode "$W/ct16-sv1" "$REPEAT")"
row "decode baseline RGB 8-bit" $RGB "$(best dcmdjpeg "$W/rgb8-b/0000.dcm" "$W/o.dcm")" "$(best dcmconv "$W/rgb8-b/0000.dcm" "$W/o.dcm")" "$(ours jpeg-decode "$W/rgb8-b" "$REPEAT")"
row "encode lossless SV1 16-bit" $CT "$(best dcmcjpeg +e1 "$W/ct16/0000.dcm" "$W/o.dcm")" "$(best dcmconv "$W/ct16/0000.dcm" "$W/o.dcm")" "$(ours jpeg-encode "$W/ct16" sv1 "$REPEAT")"
row "encode baseline RGB 8-bit" $RGB "$(best dcmcjpeg +eb "$W/rgb8/0000.dcm" "$W/o.dcm")" "$(best dcmconv "$W/rgb8/0000.dcm" "$W/o.dcm")" "$(ours jpeg-encode "$W/rgb8" baseline "$REPEAT")"

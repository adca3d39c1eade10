#!/usr/bin/env bash
# hounsfield store against DCMTK storescu, the same COUNT CT 512x512 16-bit files (default 1000) to
# the same DCMTK storescp, loopback, TCP_NODELAY=1, wall time of the whole command (start-up
# included), best of ROUNDS (default 3):
#   1 association:  storescu            vs hounsfield store                  -> storescp --ignore
#   4 associations: 4 storescu at once  vs hounsfield store --associations 4 -> storescp --fork --ignore
# hounsfield runs twice: as built (`dotnet hounsfield.dll`, JIT-compiled at start-up) and as installed
# (`dotnet publish src/Hounsfield.Cli -c Release -r linux-x64`: Native AOT, machine code ahead of time).
# Usage: bench/network/client.sh [COUNT] [ROUNDS]
set -euo pipefail
count=${1:-1000}
rounds=${2:-3}
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/bench/Hounsfield.NetworkBench" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
dotnet publish "$root/src/Hounsfield.Cli" -c Release -r linux-x64 -o "$work/aot" -v q -nologo >/dev/null
nb="dotnet $root/bench/Hounsfield.NetworkBench/bin/Release/net10.0/Hounsfield.NetworkBench.dll"
jit="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"
aot="$work/aot/hounsfield"
checked_ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; echo $(( ($(date +%s%N) - s) / 1000000 )); }
best() { local b=999999 t; for _ in $(seq "$rounds"); do t=$(checked_ms "$@"); [ "$t" -lt "$b" ] && b=$t; done; echo "$b"; }
four_storescu() { local ps=() k; for k in 0 1 2 3; do storescu -aec STORESCP +sd 127.0.0.1 "$1" "$work/files.4/$k" >/dev/null 2>&1 & ps+=($!); done; for k in "${ps[@]}"; do wait "$k"; done; }

$nb gen "$work/files" "$count" >/dev/null
i=0; for k in 0 1 2 3; do mkdir -p "$work/files.4/$k"; done
for f in "$work/files"/*.dcm; do ln "$f" "$work/files.4/$((i % 4))/"; i=$((i + 1)); done
echo "data: $count files, $(du -sm "$work/files" | cut -f1) MB; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

p1=$(free_port); storescp --ignore -aet STORESCP "$p1" >/dev/null 2>&1 & pids+=($!)
p4=$(free_port); storescp --fork --ignore -aet STORESCP "$p4" >/dev/null 2>&1 & pids+=($!)
wait_port "$p1"; wait_port "$p4"
storescu -aec STORESCP +sd 127.0.0.1 "$p1" "$work/files" >/dev/null 2>&1   # warm the page cache

a=$(best storescu -aec STORESCP +sd 127.0.0.1 "$p1" "$work/files")
b=$(best $jit store "STORESCP@127.0.0.1:$p1" "$work/files")
g=$(best $aot store "STORESCP@127.0.0.1:$p1" "$work/files")
echo "1 association:  storescu $a ms; hounsfield store $b ms ($(ratio "$a" "$b")x), Native AOT $g ms ($(ratio "$a" "$g")x)"
d=$(best four_storescu "$p4")
e=$(best $jit store "STORESCP@127.0.0.1:$p4" "$work/files" --associations 4)
h=$(best $aot store "STORESCP@127.0.0.1:$p4" "$work/files" --associations 4)
echo "4 associations: 4 x storescu $d ms; hounsfield store $e ms ($(ratio "$d" "$e")x), Native AOT $h ms ($(ratio "$d" "$h")x)"

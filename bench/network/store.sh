#!/usr/bin/env bash
# C-STORE throughput, same machine, same run, same files (COUNT CT 512x512 16-bit, default 1000),
# loopback, TCP_NODELAY=1:
#   storescu -> storescp --ignore            (DCMTK both sides, data discarded)
#   storescu -> our null-sink SCP            (DCMTK client limits both)
#   our SCU  -> our null-sink SCP            (1 association window 1, 1 x window 16, 4 x window 16)
#   300 concurrent associations              (our SCU -> our SCP, must all succeed)
# Usage: bench/network/store.sh [COUNT]
set -euo pipefail
count=${1:-1000}
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/bench/Hounsfield.NetworkBench" -v q -nologo >/dev/null
nb="dotnet $root/bench/Hounsfield.NetworkBench/bin/Release/net10.0/Hounsfield.NetworkBench.dll"

$nb gen "$work/files" "$count"
size=$(du -sm "$work/files" | cut -f1)
echo "data: $count files, $size MB"

p1=$(free_port); storescp --ignore "$p1" >/dev/null 2>&1 & pids+=($!)
p2=$(free_port); $nb scp "$p2" >/dev/null 2>&1 & pids+=($!)
wait_port "$p1"; wait_port "$p2"
$nb scu "ANY@127.0.0.1:$p2" "$work/files" 1 1 >/dev/null   # warm the page cache and the SCP

a=$(ms storescu +sd 127.0.0.1 "$p1" "$work/files")
b=$(ms storescu +sd 127.0.0.1 "$p2" "$work/files")
echo "storescu -> storescp --ignore: $a ms"
echo "storescu -> hounsfield null SCP: $b ms   (storescp/ours $(ratio "$a" "$b"), 1.00 = as fast)"
for run in "1 1" "1 16" "4 16"; do
  set -- $run
  t=$(ms $nb scu "ANY@127.0.0.1:$p2" "$work/files" "$1" "$2")
  echo "hounsfield SCU ($1 association(s), window $2) -> hounsfield null SCP: $t ms   (vs storescu -> storescp: $(ratio "$a" "$t")x)"
done
dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
hf="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"
p3=$(free_port); mkdir -p "$work/in"; storescp -od "$work/in" "$p3" >/dev/null 2>&1 & pids+=($!)
wait_port "$p3"
c=$(ms storescu +sd 127.0.0.1 "$p3" "$work/files"); rm -rf "$work/in"/*
d=$(ms $hf store "STORESCP@127.0.0.1:$p3" "$work/files"); rm -rf "$work/in"/*
e=$(ms $hf store "STORESCP@127.0.0.1:$p3" "$work/files" --associations 4)
echo "storescu -> storescp -od: $c ms;  hounsfield store -> storescp: $d ms ($(ratio "$c" "$d")x);  hounsfield store --associations 4: $e ms ($(ratio "$c" "$e")x)"
echo -n "300 concurrent associations: "
$nb scu "ANY@127.0.0.1:$p2" "$work/files" 300 1

#!/usr/bin/env bash
# End-to-end network benchmark against DCMTK, same machine, same run, loopback.
#  1. C-ECHO: `hounsfield echo --repeat N` vs `echoscu --repeat N`, both against DCMTK storescp (our SCU vs theirs),
#     and `echoscu --repeat N` against `hounsfield serve` vs against storescp (our SCP vs theirs).
# N is large (default 20000) so that process start-up (~70 ms for .NET, ~5 ms for DCMTK) weighs little.
# C-STORE comparisons come with the storage SCP (issue 4) and `hounsfield store` (issue 5).
# Usage: bench/network/run.sh [ECHOES]   (needs dcmtk; builds the CLI in Release)
set -euo pipefail
echoes=${1:-20000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export TCP_NODELAY=1

dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
hf="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }

p1=$(free_port); storescp "$p1" >/dev/null 2>&1 & pids+=($!)
wait_port "$p1"
p2=$(free_port); $hf serve --port "$p2" --aet HOUNSFIELD >/dev/null 2>&1 & pids+=($!)
wait_port "$p2"
$hf echo "STORESCP@127.0.0.1:$p1" --repeat 50 >/dev/null   # warm both

echo
echo "C-ECHO x $echoes (wall ms, incl. process start)"
a=$(ms echoscu --repeat "$echoes" 127.0.0.1 "$p1"); b=$(ms $hf echo "STORESCP@127.0.0.1:$p1" --repeat "$echoes")
echo "  SCU  echoscu -> storescp: $a   hounsfield echo -> storescp: $b   ratio dcmtk/ours: $(python3 -c "print(f'{$a/$b:.2f}')")"
c=$(ms echoscu --repeat "$echoes" 127.0.0.1 "$p1"); d=$(ms echoscu --repeat "$echoes" -aec HOUNSFIELD 127.0.0.1 "$p2")
echo "  SCP  echoscu -> storescp: $c   echoscu -> hounsfield serve: $d   ratio dcmtk/ours: $(python3 -c "print(f'{$c/$d:.2f}')")"


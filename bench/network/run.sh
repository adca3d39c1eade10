#!/usr/bin/env bash
# End-to-end network benchmark against DCMTK, same machine, same run, loopback.
#  1. C-ECHO: `hounsfield echo --repeat N` vs `echoscu --repeat N`, both against DCMTK storescp (our SCU vs theirs),
#     and `echoscu --repeat N` against `hounsfield serve` vs against storescp (our SCP vs theirs).
# N is large (default 20000) so that process start-up (~70 ms for .NET, ~5 ms for DCMTK) weighs little.
#  2. C-STORE as SCP: DCMTK storescu sends the same FILES 256x256 CT files to storescp (-od, writes files)
#     and to `hounsfield serve` (writes, fsyncs and indexes every instance before answering).
# Usage: bench/network/run.sh [ECHOES] [FILES]   (needs dcmtk; builds the CLI in Release)
set -euo pipefail
echoes=${1:-20000}
files=${2:-500}
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
hf="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"


# Test data: FILES CT-like files (256x256x16 bit), each with its own SOP Instance UID.
mkdir -p "$work/files" "$work/dcmtk-in"
head -c 131072 /dev/zero > "$work/pixels"
for i in $(seq 1 "$files"); do
  cat > "$work/f.txt" <<DUMP
(0008,0016) UI =CTImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.2.1125.9.$i]
(0008,0060) CS [CT]
(0010,0010) PN [Bench^Patient]
(0010,0020) LO [BENCH1]
(0020,000d) UI [1.2.826.0.1.3680043.2.1125.9]
(0020,000e) UI [1.2.826.0.1.3680043.2.1125.9.0]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US 256
(0028,0011) US 256
(0028,0100) US 16
(0028,0101) US 16
(0028,0102) US 15
(0028,0103) US 0
(7fe0,0010) OW =$work/pixels
DUMP
  dump2dcm +te "$work/f.txt" "$work/files/f$i.dcm"
done

p1=$(free_port); storescp -od "$work/dcmtk-in" "$p1" >/dev/null 2>&1 & pids+=($!)
wait_port "$p1"
p2=$(free_port); $hf serve --port "$p2" --aet HOUNSFIELD --data "$work/hounsfield-data" >/dev/null 2>&1 & pids+=($!)
wait_port "$p2"
$hf echo "STORESCP@127.0.0.1:$p1" --repeat 50 >/dev/null   # warm both

echo
echo "C-ECHO x $echoes (wall ms, incl. process start)"
a=$(ms echoscu --repeat "$echoes" 127.0.0.1 "$p1"); b=$(ms $hf echo "STORESCP@127.0.0.1:$p1" --repeat "$echoes")
echo "  SCU  echoscu -> storescp: $a   hounsfield echo -> storescp: $b   ratio dcmtk/ours: $(python3 -c "print(f'{$a/$b:.2f}')")"
c=$(ms echoscu --repeat "$echoes" 127.0.0.1 "$p1"); d=$(ms echoscu --repeat "$echoes" -aec HOUNSFIELD 127.0.0.1 "$p2")
echo "  SCP  echoscu -> storescp: $c   echoscu -> hounsfield serve: $d   ratio dcmtk/ours: $(python3 -c "print(f'{$c/$d:.2f}')")"

echo
echo "C-STORE as SCP: storescu sends $files files of $(stat -c %s "$work/files/f1.dcm") bytes (wall ms)"
e=$(ms storescu +sd 127.0.0.1 "$p1" "$work/files"); f=$(ms storescu +sd -aec HOUNSFIELD 127.0.0.1 "$p2" "$work/files")
stored=$(find "$work/hounsfield-data/files" -name '*.dcm' | wc -l); received=$(find "$work/dcmtk-in" -type f | wc -l)
echo "  storescu -> storescp: $e ($received files)   storescu -> hounsfield serve: $f ($stored files, fsync + index)   ratio dcmtk/ours: $(python3 -c "print(f'{$e/$f:.2f}')")"

echo
echo "C-STORE as SCP, 4 storescu processes at once, $files files split between them (wall ms)"
for k in 0 1 2 3; do mkdir -p "$work/part$k"; done
i=0; for f in "$work"/files/*.dcm; do ln -s "$f" "$work/part$((i % 4))/$(basename "$f")"; i=$((i + 1)); done
parallel_store() { local port=$1; shift; for k in 0 1 2 3; do storescu +sd "$@" 127.0.0.1 "$port" "$work/part$k" >/dev/null 2>&1 & done; wait; }
rm -rf "$work/dcmtk-in"/*
p3=$(free_port); $hf serve --port "$p3" --aet HOUNSFIELD --data "$work/hounsfield-data-2" >/dev/null 2>&1 & pids+=($!)
wait_port "$p3"
g=$(ms parallel_store "$p1"); h=$(ms parallel_store "$p3" -aec HOUNSFIELD)
echo "  4 x storescu -> storescp: $g   4 x storescu -> hounsfield serve: $h   ratio dcmtk/ours: $(python3 -c "print(f'{$g/$h:.2f}')")"

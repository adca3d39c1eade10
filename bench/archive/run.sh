#!/usr/bin/env bash
# The archive end to end, all in one run on this machine with the same files, loopback,
# TCP_NODELAY=1, DCMTK storescu as the sender:
#   ingest of COUNT CT 512x512 16-bit (default 1000) over 1 and over 4 associations into
#     `hounsfield serve` (durable acknowledgement, SQLite index), Orthanc (Debian package, SQLite)
#     and DCMTK `storescp --fork -od` (files only, no index, no flush)
#   the durable-write limit: COUNT files of 512 KiB written and flushed to disk from 4 threads
#   C-FIND, study level, wildcard name / one-month date range, on STUDIES studies (default 10000):
#     p50/p95 over QUERIES queries (default 200) on one association, Hounsfield vs Orthanc
#   C-MOVE of a MOVE-image study (default 500) to a DCMTK storescp, Hounsfield vs Orthanc, and the
#     same images sent by 4 storescu straight to that storescp (the receiver's own pace)
# Each ingest is measured ROUNDS times (default 3) with fresh UIDs, the three receivers running side
# by side and taking turns in a rotating order, and the median is compared: on a virtual machine one
# run can take twice as long as the next (bench/README.md, "Where the run-to-run noise comes from").
# Every process it starts is stopped by its PID. Not run in CI.
# hounsfield runs as built (`dotnet hounsfield.dll`, JIT), or with AOT=1 as installed (Native AOT publish).
# Usage: [AOT=1] [ROUNDS=3] bench/archive/run.sh [COUNT] [STUDIES] [MOVE] [QUERIES]
set -euo pipefail
count=${1:-1000}
studies=${2:-10000}
move=${3:-500}
queries=${4:-200}
rounds=${ROUNDS:-3}
BENCH_DIR=${BENCH_DIR:-/var/tmp}   # several GB of files
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/bench/Hounsfield.NetworkBench" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
nb="dotnet $root/bench/Hounsfield.NetworkBench/bin/Release/net10.0/Hounsfield.NetworkBench.dll"
hf="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"
if [ "${AOT:-0}" = 1 ]; then
  dotnet publish "$root/src/Hounsfield.Cli" -c Release -r linux-x64 -o "$work/aot" -v q -nologo >/dev/null
  hf="$work/aot/hounsfield"
fi
orthanc=${ORTHANC:-/usr/sbin/Orthanc}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# warm AET PORT N: what a server that has been running for a while has seen: 40 small studies, then
# three rounds of 100 CT (other UIDs than the measured ones) a second apart, so that .NET's tiered
# JIT has compiled the store path at full optimisation (it promotes a method after 30 calls, once
# no new method has been compiled for 100 ms). Every server gets the same.
warm() {
  ingest "$1" "$2" "$work/warm" "$3" >/dev/null
  for r in 0 1 2; do sleep 1; ingest "$1" "$2" "$work/warmct$r" "$3" >/dev/null; done
  sync; sleep 1   # each measured run starts with no other server's writes still going to disk
}

start_hf() { # DATA PORT [serve options...]
  $hf serve --data "$1" --port "$2" "${@:3}" >"$1.log" 2>&1 &
  pid=$!; pids+=($pid); wait_port "$2"
}
start_orthanc() { # DIR PORT DESTPORT
  mkdir -p "$1"
  cat >"$1/orthanc.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$1/storage", "IndexDirectory": "$1/index",
  "DicomAet": "ORTHANC", "DicomPort": $2, "HttpServerEnabled": false, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "DicomCheckCalledAet": false, "StorageCompression": false,
  "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true, "DicomAlwaysAllowMove": true,
  "DicomModalities": { "BENCH": [ "BENCH", "127.0.0.1", 1 ], "HOUNSFIELD": [ "HOUNSFIELD", "127.0.0.1", 1 ],
                       "STORESCP": [ "STORESCP", "127.0.0.1", $3 ] },
  "Plugins": [], "SaveJobs": false, "LimitFindResults": 0, "LimitFindInstances": 0 }
JSON
  "$orthanc" "$1/orthanc.json" >"$1.log" 2>&1 &
  pid=$!; pids+=($pid); wait_port "$2"
}
start_storescp() { # DIR PORT
  mkdir -p "$1"
  storescp --fork -aet STORESCP -od "$1" "$2" >"$1.log" 2>&1 &
  pid=$!; pids+=($pid); wait_port "$2"
}

echo "generating: $rounds x $count CT 512x512, $studies one-instance studies, a $move-image study"
for r in $(seq 0 $((rounds - 1))); do $nb gen "$work/ct$r" "$count"; done
$nb studies "$work/studies" "$studies"
$nb gen "$work/move" "$move"
$nb studies "$work/warm" 40
for r in 0 1 2; do $nb gen "$work/warmct$r" 100; done
for n in 1 4; do
  for r in $(seq 0 $((rounds - 1))); do split "$work/ct$r" $n; done
  split "$work/warm" $n
  for r in 0 1 2; do split "$work/warmct$r" $n; done
done
split "$work/studies" 4; split "$work/move" 4
echo "data: $(du -sm "$work/ct0" | cut -f1) MB of CT per round; work folder $work"

echo "== durable-write limit"
limit_line=$($nb fsync "$work/fsync" "$count" 4 524288)
echo "$limit_line"
limit=$(echo "$limit_line" | sed -E 's/.*flushed to disk: ([0-9]+) ms.*/\1/')
limit_cpu=$(echo "$limit_line" | sed -E 's/.*CPU ([0-9]+) ms.*/\1/')
# Nothing is deleted until the end: on ext4 a file created soon after many deletions makes the
# inode allocator skip every recently freed inode, a cost that would fall on whoever runs next.

# median N...: the middle value (the mean of the two middle ones for an even count)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

declare -A ingest_ms ingest_all
receivers=(HOUNSFIELD ORTHANC STORESCP)
for n in 1 4; do
  echo "== ingest over $n association(s): $rounds rounds, the receivers taking turns"
  declare -A port_of=() pid_of=()
  port_of[HOUNSFIELD]=$(free_port); start_hf "$work/hf$n" "${port_of[HOUNSFIELD]}"; pid_of[HOUNSFIELD]=$pid
  port_of[ORTHANC]=$(free_port); start_orthanc "$work/or$n" "${port_of[ORTHANC]}" 1; pid_of[ORTHANC]=$pid
  port_of[STORESCP]=$(free_port); start_storescp "$work/sc$n" "${port_of[STORESCP]}"; pid_of[STORESCP]=$pid
  for aet in "${receivers[@]}"; do warm "$aet" "${port_of[$aet]}" "$n"; done
  for r in $(seq 0 $((rounds - 1))); do
    for k in 0 1 2; do
      aet=${receivers[$(((k + r) % 3))]}
      sync; sleep 1   # no other receiver's writes still going to disk
      ms=$(ingest "$aet" "${port_of[$aet]}" "$work/ct$r" "$n")
      ingest_all[$aet$n]+="$ms "
      echo "round $r, $aet: $ms ms"
    done
  done
  for aet in "${receivers[@]}"; do
    stop "${pid_of[$aet]}"
    ingest_ms[$aet$n]=$(median ${ingest_all[$aet$n]})
  done
done

echo "== query and retrieve: $studies studies + a $move-image study in each archive"
dest_port=$(free_port)
start_storescp "$work/dest" "$dest_port"; dest_pid=$pid
hf_port=$(free_port)
start_hf "$work/hfq" "$hf_port" --peer "STORESCP@127.0.0.1:$dest_port"; hf_pid=$pid
or_port=$(free_port)
start_orthanc "$work/orq" "$or_port" "$dest_port"; or_pid=$pid
load_hf=$(ingest HOUNSFIELD "$hf_port" "$work/studies" 4)
load_or=$(ingest ORTHANC "$or_port" "$work/studies" 4)
echo "loading $studies studies over 4 associations: hounsfield $load_hf ms, Orthanc $load_or ms"
ingest HOUNSFIELD "$hf_port" "$work/move" 4 >/dev/null
ingest ORTHANC "$or_port" "$work/move" 4 >/dev/null

# 300 unmeasured queries first in the same client process (both sides warm, as for the ingest)
find_hf=$($nb find "HOUNSFIELD@127.0.0.1:$hf_port" "$queries" 300)
find_or=$($nb find "ORTHANC@127.0.0.1:$or_port" "$queries" 300)
echo "C-FIND hounsfield: $find_hf"
echo "C-FIND Orthanc:    $find_or"
p50() { echo "$1" | sed -E 's/.*p50 ([0-9.]+) ms.*/\1/'; }
p95() { echo "$1" | sed -E 's/.*p95 ([0-9.]+) ms.*/\1/'; }

study=$(dcmdump +P StudyInstanceUID "$(ls "$work/move"/*.dcm | head -1)" | sed -E 's/.*\[([^]]*)\].*/\1/')
retrieve() { # AET PORT -> ms, checks the destination got every instance
  local s
  rm -rf "$work/dest"/*
  s=$(now)
  movescu -S -aet BENCH -aec "$1" -aem STORESCP -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" 127.0.0.1 "$2" >/dev/null 2>"$work/movescu.err" \
    || { echo "movescu from $1 failed: $(head -3 "$work/movescu.err")" >&2; return 1; }
  local t=$((($(now) - s) / 1000000))
  sleep 0.5   # storescp children finish writing after their association is released
  local got; got=$(find "$work/dest" -type f ! -name '*.log' | wc -l)
  [ "$got" -eq "$move" ] || { echo "C-MOVE from $1 delivered $got of $move" >&2; return 1; }
  echo "$t"
}
retrieve HOUNSFIELD "$hf_port" >/dev/null   # warm
move_hf=$(retrieve HOUNSFIELD "$hf_port")
retrieve ORTHANC "$or_port" >/dev/null
move_or=$(retrieve ORTHANC "$or_port")
echo "C-MOVE of $move images: hounsfield $move_hf ms, Orthanc $move_or ms"
# The receiver's own pace: the same images straight from 4 storescu to the same storescp. No C-MOVE
# through that receiver can be much faster, so Orthanc's time over this bounds the C-MOVE ratio.
rm -rf "$work/dest"/*; ingest STORESCP "$dest_port" "$work/move" 4 >/dev/null
rm -rf "$work/dest"/*; move_floor=$(ingest STORESCP "$dest_port" "$work/move" 4)
echo "the same images from 4 storescu to that storescp: $move_floor ms"
stop "$hf_pid"; stop "$or_pid"; stop "$dest_pid"

echo
echo "== summary ($(date -u +%F), $(nproc) cores)"
printf '%-44s %12s %12s %12s\n' "" "hounsfield" "Orthanc" "storescp"
for n in 1 4; do
  printf '%-44s %9s ms %9s ms %9s ms\n' "ingest $count CT, $n association(s), median" "${ingest_ms[HOUNSFIELD$n]}" "${ingest_ms[ORTHANC$n]}" "${ingest_ms[STORESCP$n]}"
  echo "   rounds: hounsfield ${ingest_all[HOUNSFIELD$n]}ms; Orthanc ${ingest_all[ORTHANC$n]}ms; storescp ${ingest_all[STORESCP$n]}ms"
  echo "   Orthanc/hounsfield $(ratio "${ingest_ms[ORTHANC$n]}" "${ingest_ms[HOUNSFIELD$n]}")x, storescp/hounsfield $(ratio "${ingest_ms[STORESCP$n]}" "${ingest_ms[HOUNSFIELD$n]}")x (Orthanc/storescp $(ratio "${ingest_ms[ORTHANC$n]}" "${ingest_ms[STORESCP$n]}")x)"
done
echo "durable-write limit ($count x 512 KiB, 4 threads): $limit ms (CPU $limit_cpu ms); hounsfield over 4 associations reaches $(ratio "$limit" "${ingest_ms[HOUNSFIELD4]}") of it (median)"
echo "C-FIND p50: hounsfield $(p50 "$find_hf") ms, Orthanc $(p50 "$find_or") ms ($(ratio "$(p50 "$find_or")" "$(p50 "$find_hf")")x); p95: $(p95 "$find_hf") vs $(p95 "$find_or") ms"
echo "C-MOVE $move images: hounsfield $move_hf ms, Orthanc $move_or ms ($(ratio "$move_or" "$move_hf")x); receiver's pace $move_floor ms (Orthanc/that $(ratio "$move_or" "$move_floor")x)"

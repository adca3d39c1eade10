#!/usr/bin/env bash
# Archive ingest: hounsfield store (4 associations) of COUNT generated CT files (default 1000) into
# hounsfield serve, index on SQLite (default) or on PostgreSQL when DATABASE is given
# (e.g. DATABASE=postgres://user:pass@127.0.0.1:5432/db; the database is emptied first).
# Usage: [DATABASE=...] bench/network/ingest.sh [COUNT]
set -euo pipefail
count=${1:-1000}
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/bench/Hounsfield.NetworkBench" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
nb="dotnet $root/bench/Hounsfield.NetworkBench/bin/Release/net10.0/Hounsfield.NetworkBench.dll"
hf="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"

$nb gen "$work/files" "$count"
db_args=()
label=SQLite
if [ -n "${DATABASE:-}" ]; then
  psql "$DATABASE" -qc 'DROP TABLE IF EXISTS instances, series, studies, patients, schema_migrations' 2>/dev/null
  db_args=(--database "$DATABASE")
  label=PostgreSQL
fi
for run in 1 2; do
  rm -rf "$work/data"
  [ -n "${DATABASE:-}" ] && psql "$DATABASE" -qc 'TRUNCATE instances, series, studies, patients' 2>/dev/null || true
  port=$(free_port)
  $hf serve --port "$port" --data "$work/data" "${db_args[@]}" >/dev/null 2>&1 & pid=$!; pids+=($pid)
  wait_port "$port"
  t=$(ms $hf store "HOUNSFIELD@127.0.0.1:$port" "$work/files" --associations 4)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $run: $count files into hounsfield serve ($label index), hounsfield store --associations 4: $t ms"
done

#!/usr/bin/env bash
# Ingest with the durable log: a throwaway PostgreSQL 15, `pulse db init`, N silo processes (postgres
# profile, HTTP on the first, or on a front end with FRONTEND=1), then `pulse feed` twice with the same
# seed (new customers, then active), and how soon delivery caught up after each.
# PG_ARGS adds server settings (-c name=value), SILO_ARGS adds silo arguments.
# Usage: [FRONTEND=1] tests/bench/postgres.sh [silos=1] [rate=20000] [customers=20000] [duration=20s]
set -euo pipefail
cd "$(dirname "$0")/../.."
SILOS=${1:-1}; RATE=${2:-20000}; CUSTOMERS=${3:-20000}; DURATION=${4:-20s}
BIN=/usr/lib/postgresql/15/bin; PORT=${PULSE_BENCH_PG_PORT:-55432}
WORK=$(mktemp -d /tmp/pulse-bench.XXXXXX); chmod 777 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
  [ -n "${KEEP_LOGS:-}" ] && cp "$WORK"/*.log "$KEEP_LOGS"/ 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT
as_pg "$BIN/initdb" -D "$WORK/data" -U pulse --auth=trust --encoding=UTF8 --no-sync >/dev/null
as_pg "$BIN/pg_ctl" -D "$WORK/data" -w -l "$WORK/pg.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK -c max_connections=300 -c shared_buffers=512MB -c wal_buffers=64MB -c max_wal_size=4GB -c wal_compression=lz4 ${PG_ARGS:-}" start >/dev/null
DB="Host=127.0.0.1;Port=$PORT;Username=pulse;Database=postgres"
for p in silo/Pulse.Silo client/Pulse.Cli; do dotnet build -c Release -v q -nologo "$p" >/dev/null; done
PULSE="dotnet client/Pulse.Cli/bin/Release/net10.0/pulse.dll"
# Access control on, as deployed: every process takes this admin key, and the CLI sends it (docs/security.md).
KEY="bench-admin-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export Pulse__Access__AdminKey="$KEY" PULSE_API_KEY="$KEY"
$PULSE db init --connection "$DB" >/dev/null
for i in $(seq 0 $((SILOS - 1))); do
  ConnectionStrings__Pulse="$DB" dotnet silo/Pulse.Silo/bin/Release/net10.0/Pulse.Silo.dll \
    --urls=http://127.0.0.1:$((5091 + i)) --Pulse:Profile=postgres --Pulse:Demo:Enabled=false \
    --Pulse:Orleans:SiloPort=$((11111 + i)) --Pulse:Orleans:GatewayPort=$((30000 + i)) ${SILO_ARGS:-} >"$WORK/silo$i.log" 2>&1 &
  pids+=($!)
done
URL=http://127.0.0.1:5091
if [ "${FRONTEND:-0}" = 1 ]; then
  # HTTP into a separate front-end process (an Orleans client that logs what it accepts itself).
  URL=http://127.0.0.1:5090
  ConnectionStrings__Pulse="$DB" dotnet silo/Pulse.Silo/bin/Release/net10.0/Pulse.Silo.dll \
    --urls=$URL --Pulse:Profile=postgres --Pulse:Role=frontend >"$WORK/frontend.log" 2>&1 &
  pids+=($!)
fi
for _ in $(seq 1 120); do curl -sf $URL/health/live >/dev/null && break; sleep 1; done
sleep 3
for run in new active; do
  echo "== $SILOS silo(s)$([ "${FRONTEND:-0}" = 1 ] && echo ' + front end'), $run customers, $RATE ev/s"
  $PULSE feed --url $URL --rate "$RATE" --customers "$CUSTOMERS" --seed 5 --duration "$DURATION" --concurrency 16 | tail -n 12
  # Delivery keeps up when every partition's saved cursor reaches the partition's last row soon
  # after the feed stops (cursors are saved about once a second).
  start=$(date +%s%N)
  for _ in $(seq 1 600); do
    caught=$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U pulse -d postgres -tAc \
      "SELECT bool_and(c.position >= m.last) FROM pulse_delivery_cursors c JOIN (SELECT partition, max(position) AS last FROM pulse_interactions GROUP BY partition) m USING (partition)")
    [ "$caught" = t ] && break
    sleep 0.2
  done
  echo "delivery caught up $(( ($(date +%s%N) - start) / 1000000 )) ms after the feed stopped (cursor saves are ~1 s apart)"
done

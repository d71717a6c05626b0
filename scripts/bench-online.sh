#!/usr/bin/env bash
# The online-tier load benchmark as one command: a redis-server and one silo (Release build, Redis mode) on
# loopback, seeded with an embedding file, then `lgr loadtest` with mixed ingestion + recommendation load.
# Everything it starts is stopped on exit. Result: the printed table, and JSON in $OUT.
#
#   scripts/bench-online.sh                       # Gowalla-sized defaults below
#   EPS=20000 RPS=1000 DURATION=60 scripts/bench-online.sh
#
# Settings (environment): SEED (embedding file, d = DIM), DATA (the data set events are drawn from),
# EPS, RPS, DURATION, WARMUP, BATCH (loadtest rates), SILO_DIR / LGR_DIR (prebuilt outputs; built here
# when unset), OUT (JSON result), SILO_ENV (extra LGR__... settings, space-separated), READY_TIMEOUT (seconds
# the seeding may take; a CPU-starved silo needs more than the default 300), PRELOAD (1, the default: first load
# DATA's training interactions as events, so the load test runs on the trained graph; 0: embeddings only), RETRAIN
# (0, the default: the trainer keeps its interaction log but starts no run — the preload's events alone pass its event
# threshold, and a run would share the cores with the load test; 1: the trainer as configured).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SEED=${SEED:-/tmp/exp/e4.lgr}
DATA=${DATA:-../shared/data/gowalla}
DIM=${DIM:-64}
EPS=${EPS:-20000}; RPS=${RPS:-1000}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-5}; BATCH=${BATCH:-100}
OUT=${OUT:-loadtest.json}; READY_TIMEOUT=${READY_TIMEOUT:-300}
work=$(mktemp -d /tmp/lgr-bench-XXXX)
api_key="bench-api-key-0123456789"

if [ -z "${SILO_DIR:-}" ]; then
  SILO_DIR="$work/silo"; dotnet build silo/LiveGraphRec.Silo -c Release -o "$SILO_DIR" -v q -nologo >/dev/null
fi
if [ -z "${LGR_DIR:-}" ]; then
  LGR_DIR="$work/lgr"; dotnet build client/LiveGraphRec.Client -c Release -o "$LGR_DIR" -v q -nologo >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
redis_port=$(free_port); http_port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
silo_pid=""
cleanup() {
  [ -n "$silo_pid" ] && kill "$silo_pid" 2>/dev/null && wait "$silo_pid" 2>/dev/null || true
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work/silo" "$work/lgr"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

retrain_env=""
[ "${RETRAIN:-0}" = 1 ] || retrain_env="LGR__Trainer__EventThreshold=0 LGR__Trainer__Interval=00:00:00"

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"

env LGR__Redis__ConnectionString="127.0.0.1:$redis_port" LGR__Api__ApiKey="$api_key" \
    LGR__Silo__SeedEmbeddingsPath="$(realpath "$SEED")" LGR__Graph__Dimension="$DIM" \
    LGR__Silo__SiloPort="$silo_port" LGR__Silo__GatewayPort="$gateway_port" \
    Logging__LogLevel__Default=Warning $retrain_env ${SILO_ENV:-} \
    dotnet "$SILO_DIR/LiveGraphRec.Silo.dll" --urls "http://127.0.0.1:$http_port" >"$work/silo.log" 2>&1 &
silo_pid=$!

echo "bench-online: silo pid $silo_pid on :$http_port, redis on :$redis_port; seeding from $SEED…"
start=$(date +%s)
# /readyz answers "Healthy" with a detail after it ("Healthy: item index version …").
until curl -s "http://127.0.0.1:$http_port/readyz" | grep -q '^Healthy'; do
  if ! kill -0 "$silo_pid" 2>/dev/null; then echo "bench-online: the silo exited:"; tail -50 "$work/silo.log"; exit 1; fi
  if [ $(( $(date +%s) - start )) -gt "$READY_TIMEOUT" ]; then echo "bench-online: the silo was not ready within $READY_TIMEOUT s"; tail -50 "$work/silo.log"; exit 1; fi
  sleep 1
done
echo "bench-online: ready after $(( $(date +%s) - start )) s"

# The graph the model was trained on, loaded as events (PRELOAD=0: embeddings only, every node starting with no
# edges — the setup of the figures before 2026-11-26's seventh session). Repeats of these pairs in the load test are
# then repeat interactions (weight only), the data set's test pairs new edges, and node states have their real size.
if [ "${PRELOAD:-1}" != 0 ]; then
  preload_start=$(date +%s)
  replayed=$(dotnet "$LGR_DIR/lgr.dll" replay --url "http://127.0.0.1:$http_port" --api-key "$api_key" --data "$DATA" \
    --train-only --rate 0 --batch 1000 | tail -1)
  echo "bench-online: $replayed"
  accepted=$(echo "$replayed" | sed -E 's/.* ([0-9,]+) accepted.*/\1/' | tr -d ,)
  # The replay returns once the events are acknowledged; wait until the silo applied them too.
  applied() { curl -s -H "X-Api-Key: $api_key" "http://127.0.0.1:$http_port/v1/admin/ingestion" \
    | python3 -c 'import json, sys; r = json.load(sys.stdin); print(r["appliedEvents"] + r["duplicateEvents"])'; }
  until [ "$(applied)" -ge "$accepted" ]; do
    kill -0 "$silo_pid" 2>/dev/null || { echo "bench-online: the silo exited while preloading:"; tail -50 "$work/silo.log"; exit 1; }
    sleep 2
  done
  echo "bench-online: graph preloaded (${accepted} events applied) in $(( $(date +%s) - preload_start )) s"
fi

# Redis work per event, independent of how busy the machine is: commands and bytes between here and the end.
redis_stats() { redis-cli -p "$redis_port" info all | tr -d '\r' | grep -E '^(cmdstat_(eval|evalsha|xadd|xack|xreadgroup|hset|hgetall|rpush)|total_net_input_bytes)[:]'; }
redis_stats > "$work/redis-before.txt"
# CPU seconds of each process during the load test: on two cores the silo, Redis and the load generator share them.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
redis_cpu() { redis-cli -p "$redis_port" info cpu | tr -d '\r' | awk -F: '/^used_cpu_(user|sys):/ {s += $2} END {printf "%.1f", s}'; }
since() { awk -v from="$1" -v to="$2" -v digits="$3" 'BEGIN {printf "%." digits "f", to - from}'; }
# The silo's garbage collections during the load test (its Prometheus endpoint): on a large heap their pauses set the tail.
gc_stats() { curl -s "http://127.0.0.1:$http_port/metrics" | awk '
  /^dotnet_gc_collections_total\{/ { match($0, /gen[0-9]/); gen[substr($0, RSTART, RLENGTH)] = $NF }
  /^dotnet_gc_pause_time_seconds_total\{/ { pause = $NF }
  /^dotnet_gc_heap_total_allocated_bytes_total\{/ { allocated = $NF }
  END { printf "%d %d %d %.3f %.0f", gen["gen0"], gen["gen1"], gen["gen2"], pause, allocated }'; }
gc_before=$(gc_stats)
# The load generator is nearly all that this shell's children spend during the load test (the growth of `times`' second line).
# `times` must run in this shell (a subshell's children are its own), so the function sets the variable named $1.
children_cpu() { times > "$work/times"; printf -v "$1" '%s' "$(tail -1 "$work/times" | awk '{split($0, t, /[ms ]+/); printf "%.2f", t[1] * 60 + t[2] + t[3] * 60 + t[4]}')"; }
children_cpu generator_cpu_before
silo_cpu_before=$(cpu_of "$silo_pid"); redis_cpu_before=$(redis_cpu); load_start=$(date +%s.%N)
dotnet "$LGR_DIR/lgr.dll" loadtest --url "http://127.0.0.1:$http_port" --api-key "$api_key" --data "$DATA" \
  --events-per-second "$EPS" --requests-per-second "$RPS" --duration "$DURATION" --warmup "$WARMUP" --batch "$BATCH" \
  --json "$OUT" "$@" || status=$?
redis_stats > "$work/redis-after.txt"
children_cpu generator_cpu_after
echo "bench-online: CPU seconds during the load test ($(since "$load_start" "$(date +%s.%N)" 0) s of wall time, warm-up and drain included):" \
  "silo $(since "$silo_cpu_before" "$(cpu_of "$silo_pid")" 1), redis $(since "$redis_cpu_before" "$(redis_cpu)" 1)," \
  "load generator $(since "$generator_cpu_before" "$generator_cpu_after" 1)"
echo "$gc_before $(gc_stats)" | awk '{printf "bench-online: silo garbage collections during the load test: gen0 %d, gen1 %d, gen2 %d; paused %.2f s; allocated %.0f MB\n", $6 - $1, $7 - $2, $8 - $3, $9 - $4, ($10 - $5) / 1048576}'
python3 - "$work/redis-before.txt" "$work/redis-after.txt" "$OUT" <<'PY'
import json, re, sys
def read(path):
    stats = {}
    for line in open(path):
        name, value = line.strip().split(':', 1)
        stats[name] = int(re.search(r'calls=(\d+)', value).group(1)) if 'calls=' in value else int(value)
    return stats
before, after = read(sys.argv[1]), read(sys.argv[2])
try:
    applied = json.load(open(sys.argv[3]))['apply']['final']['appliedEvents']
except Exception:
    applied = 0
delta = {k: after[k] - before.get(k, 0) for k in after}
print('bench-online: Redis during the load test (warm-up included): ' + ', '.join(f'{k.replace("cmdstat_", "")} {v:,}' for k, v in sorted(delta.items())))
if applied:
    print(f'bench-online: per event applied in the window ({applied:,}): ' + ', '.join(f'{k.replace("cmdstat_", "")} {v / applied:.2f}' for k, v in sorted(delta.items())))
PY
# Grain messages the online math sends (the silo's Prometheus endpoint), per applied event since start-up.
curl -s "http://127.0.0.1:$http_port/metrics" | python3 -c '
import re, sys
text = sys.stdin.read()
def total(name):
    return sum(float(v) for v in re.findall(r"^" + name + r"(?:\{[^}]*\})? ([0-9.e+]+)$", text, re.M))
applied, corrections = total("lgr_events_applied_total"), total("lgr_propagation_corrections_total")
if applied:
    print(f"bench-online: neighbour corrections per applied event (since start-up): {corrections / applied:.2f}")
' || true
echo "bench-online: silo RSS $(ps -o rss= -p "$silo_pid" | awk '{printf "%.0f MB", $1/1024}'), redis $(redis-cli -p "$redis_port" info memory | grep used_memory_human | tr -d '\r')"
exit "${status:-0}"

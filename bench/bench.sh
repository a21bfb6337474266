#!/usr/bin/env bash
# StreamWorker benchmark (issue 5). Bounded in time, 127.0.0.1 only. Prints a table and, as its last line,
# one JSON object with the keys gateway_noop_ratio, gateway_p99_ms_half_load, processor_raw_ratio,
# gateway_rss_mb, processor_rss_mb, gateway_events_per_s, processor_events_per_s (null where not measured).
#
# Gateway: the simulator's `load` command (same concurrency and duration for both) against
#   1. the simulator's no-op Kestrel endpoint (reads the body, answers 202), and
#   2. the gateway: GATEWAY_URL if set (GATEWAY_PID then names its process for RSS), otherwise a StreamWorker
#      started here with Role=gateway and the embedded broker;
#   then a fixed-rate run at half the gateway's closed-loop rate for p99 at half load (and the same run
#   against the no-op endpoint, to show what the load generator and the machine add on their own).
#   Peak RSS = VmHWM of the gateway process after the runs.
# Processor: bench/processor-bench.sh (embedded broker alone, prefill, raw consume-and-parse, processor), or
#   PROCESSOR_BENCH_CMD: a command printing one JSON object {"processor_events_per_s", "raw_events_per_s",
#   "processor_rss_mb"}; PROCESSOR_BENCH_CMD=none skips it.
# BENCH_SMOKE=1: a short run (~2 min with the build) for CI: 3 s runs after 2 s warm-up, 40 000 events for the processor.
#
# Environment: DURATION (20s), WARMUP (5s: both processes tier up their JIT code meanwhile), CONCURRENCY (32), HALF_LOAD_DURATION (DURATION), TOKEN (bench-token),
#   NOOP_PORT (5099), GATEWAY_PORT (8080), CONFIGURATION (Release).
# Needs: dotnet, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${BENCH_SMOKE:-}" ]; then
  : "${DURATION:=3s}" "${WARMUP:=2s}" "${EVENTS:=40000}"
  export EVENTS
fi
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
concurrency=${CONCURRENCY:-32}
half_duration=${HALF_LOAD_DURATION:-$duration}
token=${TOKEN:-bench-token}
noop_port=${NOOP_PORT:-5099}
gateway_port=${GATEWAY_PORT:-8080}
configuration=${CONFIGURATION:-Release}
simulator="src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll"
logs=${TMPDIR:-/tmp}/streamworker-bench
mkdir -p "$logs"

started_pids=()
cleanup() {
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url seconds pid
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process $3 exited before $1 answered" >&2; return 1; }
    sleep 1
  done
  echo "$1 did not answer within $2 s" >&2
  return 1
}

peak_rss_mb() { # pid -> MB or null
  local mb
  mb=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || true)
  echo "${mb:-null}"
}

load() { # url [rate]
  local args=(load --url "$1" --token "$token" --duration "$duration" --warmup "$warmup" --concurrency "$concurrency")
  if [ -n "${2:-}" ]; then args+=(--rate "$2" --duration "$half_duration"); fi
  dotnet "$simulator" "${args[@]}" | tail -n 1
}

echo "building StreamWorker and the simulator ($configuration)..." >&2
dotnet build src/StreamWorker -c "$configuration" -nologo -v quiet >&2
dotnet build src/StreamWorker.Simulator -c "$configuration" -nologo -v quiet >&2

# 1. No-op baseline. Same runtime settings as a web app (server GC) so the comparison is like for like.
DOTNET_gcServer=1 dotnet "$simulator" noop-server --urls "http://127.0.0.1:$noop_port" >"$logs/noop.log" 2>&1 &
noop_pid=$!
started_pids+=("$noop_pid")
wait_for "http://127.0.0.1:$noop_port/healthz" 30 "$noop_pid"
echo "load against the no-op endpoint ($duration, concurrency $concurrency)..." >&2
noop=$(load "http://127.0.0.1:$noop_port/webhooks")

# 2. Gateway.
gateway_url=${GATEWAY_URL:-}
gateway_pid=${GATEWAY_PID:-}
if [ -z "$gateway_url" ]; then
  echo "starting StreamWorker (Role=gateway, embedded broker)..." >&2
  # --contentRoot: read the shipped appsettings.json (log levels) as the container does from its WORKDIR; run from
  # the repository root without it, ASP.NET Core logs four lines per request and the benchmark measures the console.
  Role=gateway ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" Gateway__SigningTokens__0="$token" \
    dotnet "src/StreamWorker/bin/$configuration/net10.0/StreamWorker.dll" --contentRoot "$PWD/src/StreamWorker/bin/$configuration/net10.0" >"$logs/gateway.log" 2>&1 &
  gateway_pid=$!
  started_pids+=("$gateway_pid")
  gateway_url="http://127.0.0.1:$gateway_port/webhooks"
  wait_for "http://127.0.0.1:$gateway_port/readyz" 120 "$gateway_pid"
fi

echo "load against the gateway $gateway_url ($duration, concurrency $concurrency)..." >&2
gateway=$(load "$gateway_url")
gateway_rate=$(jq -r '.requests_per_s' <<<"$gateway")
half_rate=$(jq -r '.requests_per_s / 2 | floor' <<<"$gateway")
half=null
noop_half=null
if [ "$half_rate" -gt 0 ]; then
  echo "fixed-rate load against the gateway at $half_rate requests/s (half of its maximum)..." >&2
  half=$(load "$gateway_url" "$half_rate")
  echo "the same fixed-rate load against the no-op endpoint, for reference..." >&2
  noop_half=$(load "http://127.0.0.1:$noop_port/webhooks" "$half_rate")
fi
gateway_rss=null
if [ -n "$gateway_pid" ]; then gateway_rss=$(peak_rss_mb "$gateway_pid"); fi

# The gateway is done: stop it before the processor run so they do not share the CPUs.
cleanup
started_pids=()

# 3. Processor: its own broker, prefill, raw consume-and-parse, processor (bench/processor-bench.sh).
processor='{}'
processor_cmd=${PROCESSOR_BENCH_CMD:-SKIP_BUILD=1 CONFIGURATION=$configuration bench/processor-bench.sh}
if [ "$processor_cmd" != none ]; then
  echo "processor benchmark: $processor_cmd" >&2
  processor=$(bash -c "$processor_cmd" | tail -n 1) || { echo "processor benchmark failed (logs: $logs)" >&2; processor="{}"; }
  jq -e . >/dev/null 2>&1 <<<"$processor" || { echo "processor benchmark printed no JSON: $processor" >&2; processor='{}'; }
fi

summary=$(jq -cn \
  --argjson noop "$noop" --argjson gateway "$gateway" --argjson half "$half" \
  --argjson gateway_rss "$gateway_rss" --argjson processor "$processor" '
  def ratio(a; b): if (a == null or b == null or b == 0) then null else ((a / b) * 1000 | round / 1000) end;
  {
    gateway_noop_ratio: ratio($gateway.requests_per_s; $noop.requests_per_s),
    gateway_p99_ms_half_load: (if $half == null then null else $half.p99_ms end),
    processor_raw_ratio: ratio($processor.processor_events_per_s; $processor.raw_events_per_s),
    gateway_rss_mb: $gateway_rss,
    processor_rss_mb: ($processor.processor_rss_mb // null),
    gateway_events_per_s: $gateway.requests_per_s,
    processor_events_per_s: ($processor.processor_events_per_s // null)
  }')

{
  echo
  printf '%-28s %12s %10s %10s %10s %8s %8s\n' "run" "requests/s" "p50 ms" "p99 ms" "p99.9 ms" "non2xx" "errors"
  for row in "no-op endpoint:$noop" "gateway:$gateway" "gateway at half rate:$half" "no-op at the same rate:$noop_half"; do
    name=${row%%:*}; json=${row#*:}
    [ "$json" = null ] && continue
    jq -r --arg name "$name" '[$name, .requests_per_s, .p50_ms, .p99_ms, .p999_ms, .non2xx, .errors] | @tsv' <<<"$json" |
      awk -F'\t' '{ printf "%-28s %12s %10s %10s %10s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7 }'
  done
  echo
  echo "gateway peak RSS: ${gateway_rss} MB; gateway/no-op: $(jq -r '.gateway_noop_ratio' <<<"$summary") (target >= 0.85); p99 at half load: $(jq -r '.gateway_p99_ms_half_load' <<<"$summary") ms (target <= 20)"
  if [ "$processor" = '{}' ]; then
    echo "processor: not measured"
  else
    jq -r '"processor: \(.processor_events_per_s) events/s, raw consume-and-parse: \(.raw_events_per_s) events/s, ratio \(if .processor_events_per_s and .raw_events_per_s then ((.processor_events_per_s / .raw_events_per_s) * 1000 | round / 1000) else null end) (target >= 0.5); processor peak RSS: \(.processor_rss_mb) MB (target <= 400); \(.events) events, \(.partitions) partitions"' <<<"$processor"
  fi
  echo "raw results in: noop=$noop"
  echo "                gateway=$gateway"
  echo "                half=$half"
  echo "                noop_half=$noop_half"
} >&2
echo "$summary"

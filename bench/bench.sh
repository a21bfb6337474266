#!/usr/bin/env bash
# StreamWorker benchmark (issues 5, 9, 10). Bounded in time, 127.0.0.1 only. Prints tables on stderr and, as its
# last line on stdout, one JSON object with every key (null where not measured); see BENCHMARKS.md.
#
# Gateway half. One broker for everything: the embedded broker alone in its own process (StreamWorker Role=broker),
# as production has Kafka out of the gateway's process; BROKER=inprocess instead runs the gateway with its embedded
# broker inside it (the development default) and points the produce endpoint at that broker.
#   1. no-op endpoint (simulator noop-server: reads the body, answers 202);
#   2. produce endpoint (bench/StreamWorker.Bench produce-server: reads the body, produces it with the gateway's
#      producer settings, acks=all + idempotence, answers 202 after the ack; nothing else);
#   3. gateway (StreamWorker Role=gateway, shipped settings), or GATEWAY_URL/GATEWAY_PID for one already running.
#   A closed-loop sweep over SWEEP connection counts, the three targets side by side at each count (same load
#   generator, duration, warm-up); then fixed-rate runs at half the gateway's best rate (gateway and no-op) for
#   p99 at half load; then, with BROKER=process, the gateway with its in-process broker at CONCURRENCY and at the
#   sweep's best count, for the in-process figure. Peak RSS = VmHWM of the gateway process.
# Processor half: bench/processor-bench.sh (own broker; raw consume-and-parse, Streamiz pass-through, processor on
#   many small conferences, processor on one large conference), or PROCESSOR_BENCH_CMD (none skips it).
# BENCH_SMOKE=1: a short run for CI (2 s runs after 1 s warm-up, two connection counts, 40 000 events).
#
# Environment: SWEEP ("16 32 64 256 512"), CONCURRENCY (32: the gateway_events_per_s key), DURATION (8s), WARMUP (3s),
#   HALF_LOAD_DURATION (DURATION), BROKER (process|inprocess), TOKEN, NOOP_PORT (5099), PRODUCE_PORT (5098),
#   GATEWAY_PORT (8080), GATEWAY_INPROCESS_PORT (8081), BENCH_BROKER_PORT (19192), CONFIGURATION (Release),
#   GATEWAY_ENV (extra VAR=value settings for the gateway, space separated, e.g. Kafka__Client__linger.ms=5),
#   PRODUCE_SET (extra librdkafka key=value settings for the produce endpoint, space separated), CODEC_ITERATIONS (300000:
#   operations per serializer in the codec comparison).
# Needs: dotnet, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${BENCH_SMOKE:-}" ]; then
  : "${DURATION:=2s}" "${WARMUP:=1s}" "${EVENTS:=40000}" "${SWEEP:=32 256}" "${CODEC_ITERATIONS:=30000}"
  export EVENTS
fi
sweep=${SWEEP:-16 32 64 256 512}
duration=${DURATION:-8s}
warmup=${WARMUP:-3s}
concurrency=${CONCURRENCY:-32}
half_duration=${HALF_LOAD_DURATION:-$duration}
token=${TOKEN:-bench-token}
broker_mode=${BROKER:-process}
noop_port=${NOOP_PORT:-5099}
produce_port=${PRODUCE_PORT:-5098}
gateway_port=${GATEWAY_PORT:-8080}
inprocess_port=${GATEWAY_INPROCESS_PORT:-8081}
broker_port=${BENCH_BROKER_PORT:-19192}
configuration=${CONFIGURATION:-Release}
simulator="src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll"
bench_tool="bench/StreamWorker.Bench/bin/$configuration/net10.0/StreamWorker.Bench.dll"
bin_dir="src/StreamWorker/bin/$configuration/net10.0"
logs=${TMPDIR:-/tmp}/streamworker-bench
mkdir -p "$logs"
load_start=$(cut -d' ' -f1 /proc/loadavg)

# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() { stop_started; }
trap cleanup EXIT
trap 'exit 130' INT TERM

peak_rss_mb() { # pid -> MB or null
  local mb
  mb=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || true)
  echo "${mb:-null}"
}

load() { # url connections [rate]
  local args=(load --url "$1" --token "$token" --warmup "$warmup" --concurrency "$2")
  if [ -n "${3:-}" ]; then args+=(--rate "$3" --duration "$half_duration"); else args+=(--duration "$duration"); fi
  dotnet "$simulator" "${args[@]}" 2>>"$logs/load.log" | tail -n 1
}

# The gateway Deployment's runtime settings, as the chart (values gateway.serverGC, gateway.mallocArenaMax) and
# docker-compose.yml set them: workstation GC and two glibc malloc arenas (BENCHMARKS.md, "Memory"). The image's
# defaults (server GC, glibc's arenas) stay for the other roles.
gateway_runtime_env=(DOTNET_gcServer=0 MALLOC_ARENA_MAX=2)

start_streamworker() { # port log [extra VAR=value...]: Role=gateway unless overridden, shipped settings; prints its pid
  local port=$1 log=$2
  shift 2
  # --contentRoot: read the shipped appsettings.json (log levels) as the container does from its WORKDIR.
  # shellcheck disable=SC2086 # GATEWAY_ENV is a list of VAR=value words
  # With Kafka:BootstrapServers set the gateway needs a stable hash key for personal data; a fixed one for benchmarks.
  env Role=gateway ASPNETCORE_URLS="http://127.0.0.1:$port" Gateway__SigningTokens__0="$token" Privacy__HashKey=bench-hash-key-0123456789abcdef "$@" ${GATEWAY_ENV:-} \
    dotnet "$bin_dir/StreamWorker.dll" --contentRoot "$PWD/$bin_dir" >"$log" 2>&1 &
  echo $!
}

start_gateway() { # port log [extra VAR=value...]: Role=gateway with the gateway Deployment's runtime settings; prints its pid
  start_streamworker "$1" "$2" "${gateway_runtime_env[@]}" "${@:3}"
}

echo "building StreamWorker, the simulator and the bench tool ($configuration)..." >&2
dotnet build src/StreamWorker -c "$configuration" -nologo -v quiet >&2
dotnet build src/StreamWorker.Simulator -c "$configuration" -nologo -v quiet >&2
dotnet build bench/StreamWorker.Bench -c "$configuration" -nologo -v quiet >&2

# Servers use server GC, like the gateway (a web app), so the comparison is like for like.
DOTNET_gcServer=1 dotnet "$simulator" noop-server --urls "http://127.0.0.1:$noop_port" >"$logs/noop.log" 2>&1 &
noop_pid=$!
started_pids+=("$noop_pid")

gateway_url=${GATEWAY_URL:-}
gateway_pid=${GATEWAY_PID:-}
if [ "$broker_mode" = process ]; then
  echo "starting the broker alone (Role=broker, 127.0.0.1:$broker_port)..." >&2
  Role=broker Kafka__Embedded__Port="$broker_port" ASPNETCORE_URLS="http://127.0.0.1:$((broker_port + 1))" \
    dotnet "$bin_dir/StreamWorker.dll" --contentRoot "$PWD/$bin_dir" >"$logs/gateway-broker.log" 2>&1 &
  broker_pid=$!
  started_pids+=("$broker_pid")
  wait_for "http://127.0.0.1:$((broker_port + 1))/healthz" 60 "$broker_pid"
  bootstrap="127.0.0.1:$broker_port"
  if [ -z "$gateway_url" ]; then
    gateway_pid=$(start_gateway "$gateway_port" "$logs/gateway.log" Kafka__BootstrapServers="$bootstrap")
    started_pids+=("$gateway_pid")
  fi
else
  # The gateway's embedded broker listens on Kafka:Embedded:Port; the produce endpoint shares it.
  bootstrap="127.0.0.1:$broker_port"
  if [ -z "$gateway_url" ]; then
    gateway_pid=$(start_gateway "$gateway_port" "$logs/gateway.log" Kafka__Embedded__Port="$broker_port")
    started_pids+=("$gateway_pid")
  fi
fi
if [ -z "$gateway_url" ]; then
  gateway_url="http://127.0.0.1:$gateway_port/webhooks"
  wait_for "http://127.0.0.1:$gateway_port/readyz" 120 "$gateway_pid"
fi
produce_args=()
for kv in ${PRODUCE_SET:-}; do produce_args+=(--set "$kv"); done
DOTNET_gcServer=1 dotnet "$bench_tool" produce-server --urls "http://127.0.0.1:$produce_port" --bootstrap "$bootstrap" "${produce_args[@]}" \
  >"$logs/produce.log" 2>&1 &
produce_pid=$!
started_pids+=("$produce_pid")
wait_for "http://127.0.0.1:$noop_port/healthz" 30 "$noop_pid"
wait_for "http://127.0.0.1:$produce_port/healthz" 30 "$produce_pid"

# 1. Sweep: at each connection count the three targets one after the other.
sweep_json='[]'
for c in $sweep; do
  echo "sweep: $c connections ($duration after $warmup warm-up each): no-op, produce endpoint, gateway (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
  n=$(load "http://127.0.0.1:$noop_port/webhooks" "$c")
  p=$(load "http://127.0.0.1:$produce_port/webhooks" "$c")
  g=$(load "$gateway_url" "$c")
  sweep_json=$(jq -c --argjson c "$c" --argjson n "$n" --argjson p "$p" --argjson g "$g" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
    '. + [{connections: $c, noop: $n, produce: $p, gateway: $g, load: ($load | tonumber)}]' <<<"$sweep_json")
done
best=$(jq -c 'max_by(.gateway.requests_per_s)' <<<"$sweep_json")
best_c=$(jq -r '.connections' <<<"$best")
gateway_at=$(jq -c --argjson c "$concurrency" '(map(select(.connections == $c)) | first) // null' <<<"$sweep_json")

# 2. Fixed rate at half the gateway's best closed-loop rate, at the best connection count.
half_rate=$(jq -r '.gateway.requests_per_s / 2 | floor' <<<"$best")
half=null noop_half=null
if [ "$half_rate" -gt 0 ]; then
  echo "fixed-rate load at $half_rate requests/s (half the gateway's best), $best_c connections: gateway, then no-op..." >&2
  half=$(load "$gateway_url" "$best_c" "$half_rate")
  noop_half=$(load "http://127.0.0.1:$noop_port/webhooks" "$best_c" "$half_rate")
fi
gateway_rss=null
if [ -n "$gateway_pid" ]; then gateway_rss=$(peak_rss_mb "$gateway_pid"); fi

# 3. The other broker placement, for the record: the gateway with its broker in-process.
inprocess='[]'
if [ "$broker_mode" = process ] && [ -z "${GATEWAY_URL:-}" ] && [ -z "${SKIP_INPROCESS:-}" ]; then
  stop_pid "$gateway_pid"
  echo "gateway with its broker in-process (Role=gateway, embedded broker) at $concurrency and $best_c connections..." >&2
  inproc_pid=$(start_gateway "$inprocess_port" "$logs/gateway-inprocess.log" Kafka__Embedded__Port="$((broker_port + 10))")
  started_pids+=("$inproc_pid")
  wait_for "http://127.0.0.1:$inprocess_port/readyz" 120 "$inproc_pid"
  for c in $(printf '%s\n' "$concurrency" "$best_c" | sort -un); do
    r=$(load "http://127.0.0.1:$inprocess_port/webhooks" "$c")
    inprocess=$(jq -c --argjson c "$c" --argjson r "$r" '. + [{connections: $c, gateway: $r}]' <<<"$inprocess")
  done
  inprocess_rss=$(peak_rss_mb "$inproc_pid")
  inprocess=$(jq -c --argjson rss "${inprocess_rss:-null}" 'map(. + {rss_mb: $rss})' <<<"$inprocess")
fi

# The gateway half is done: stop everything before the next parts so they do not share the CPUs.
cleanup

# 4. Freshness: role all (gateway and processor in one process) against the broker alone, fresh for each rate; an
#    outside consumer of the participants topic times each join from its 202 to the first record that counts it (the
#    simulator's load --freshness-bootstrap). Once at half the gateway's best rate, once at FRESHNESS_STEADY_RATE.
#    The one setting that is not the shipped one is for the embedded broker: librdkafka's mock answers a fetch that
#    finds no data only after the full fetch.wait.max.ms (500 ms by default) even when data arrives meanwhile (a
#    real broker answers as soon as fetch.min.bytes is there), so the processor's fetch wait is FRESHNESS_FETCH_WAIT_MS.
freshness_at() { # rate -> the load run's JSON, or null
  local fresh_broker=$((broker_port + 20)) fresh_state all_pid result
  Role=broker Kafka__Embedded__Port="$fresh_broker" ASPNETCORE_URLS="http://127.0.0.1:$((fresh_broker + 1))" \
    dotnet "$bin_dir/StreamWorker.dll" --contentRoot "$PWD/$bin_dir" >"$logs/freshness-broker.log" 2>&1 &
  started_pids+=("$!")
  wait_for "http://127.0.0.1:$((fresh_broker + 1))/healthz" 60 "$!" >&2 || { echo null; return; }
  fresh_state=$(mktemp -d "${TMPDIR:-/tmp}/streamworker-freshness.XXXXXX")
  all_pid=$(start_streamworker "$inprocess_port" "$logs/freshness-all.log" Role=all Kafka__BootstrapServers="127.0.0.1:$fresh_broker" \
    Processor__StateDirectory="$fresh_state" Kafka__Client__fetch.wait.max.ms="${FRESHNESS_FETCH_WAIT_MS:-10}")
  started_pids+=("$all_pid")
  if wait_for "http://127.0.0.1:$inprocess_port/readyz" 120 "$all_pid" >&2; then
    echo "freshness: role all at $1 joins/s, $best_c connections, participants topic read by an outside consumer..." >&2
    result=$(dotnet "$simulator" load --url "http://127.0.0.1:$inprocess_port/webhooks" --token "$token" --duration "$half_duration" \
      --warmup "$warmup" --concurrency "$best_c" --rate "$1" --freshness-bootstrap "127.0.0.1:$fresh_broker" 2>>"$logs/load.log" | tail -n 1) ||
      result=null
  fi
  jq -e . >/dev/null 2>&1 <<<"${result:-null}" || result=null
  cleanup
  rm -rf "$fresh_state"
  echo "${result:-null}"
}
freshness=null freshness_steady=null
if [ "$half_rate" -gt 0 ] && [ -z "${SKIP_FRESHNESS:-}" ]; then
  freshness=$(freshness_at "$half_rate")
  freshness_steady=$(freshness_at "${FRESHNESS_STEADY_RATE:-2000}")
fi

processor='{}'
processor_cmd=${PROCESSOR_BENCH_CMD:-SKIP_BUILD=1 CONFIGURATION=$configuration bench/processor-bench.sh}
if [ "$processor_cmd" != none ]; then
  echo "processor benchmark: $processor_cmd" >&2
  processor=$(bash -c "$processor_cmd" | tail -n 1) || { echo "processor benchmark failed (logs: $logs)" >&2; processor="{}"; }
  jq -e . >/dev/null 2>&1 <<<"$processor" || { echo "processor benchmark printed no JSON: $processor" >&2; processor='{}'; }
fi
# Serializers: the shipped output JSON (System.Text.Json source generation) and state codec (hand-written binary)
# against their alternatives, same values, one process (StreamWorker.Bench codec).
codec=$(dotnet "$bench_tool" codec --iterations "${CODEC_ITERATIONS:-300000}" | tail -n 1) || codec='{}'
jq -e . >/dev/null 2>&1 <<<"$codec" || codec='{}'

# Rule cost: the conference and company stages with every rule and without conference sessions and company usage, on
# the same simulator events, in one process (StreamWorker.Bench rules): what the two rules add per event.
rules=$(dotnet "$simulator" generate --conferences 400 --companies 50 --duration 20m | dotnet "$bench_tool" rules --rounds 5 | tail -n 1) || rules='{}'
jq -e . >/dev/null 2>&1 <<<"$rules" || rules='{}'
load_end=$(cut -d' ' -f1 /proc/loadavg)

summary=$(jq -cn \
  --argjson best "$best" --argjson at "$gateway_at" --argjson half "$half" --argjson gateway_rss "$gateway_rss" \
  --argjson processor "$processor" --argjson inprocess "$inprocess" --arg broker "$broker_mode" --argjson freshness "$freshness" --argjson steady "$freshness_steady" \
  --argjson load_start "$load_start" --argjson load_end "$load_end" --argjson codec "$codec" --argjson rules "$rules" '
  def ratio(a; b): if (a == null or b == null or b == 0) then null else ((a / b) * 1000 | round / 1000) end;
  {
    gateway_noop_ratio: ratio($best.gateway.requests_per_s; $best.noop.requests_per_s),
    gateway_produce_ratio: ratio($best.gateway.requests_per_s; $best.produce.requests_per_s),
    gateway_p99_ms_half_load: (if $half == null then null else $half.p99_ms end),
    gateway_max_events_per_s: $best.gateway.requests_per_s,
    gateway_best_connections: $best.connections,
    gateway_events_per_s: (if $at == null then null else $at.gateway.requests_per_s end),
    gateway_inprocess_broker_events_per_s: ([$inprocess[] | .gateway.requests_per_s] | max),
    gateway_rss_mb: $gateway_rss,
    processor_raw_ratio: ratio($processor.processor_events_per_s; $processor.raw_events_per_s),
    processor_passthrough_ratio: ratio($processor.processor_events_per_s; $processor.passthrough_events_per_s),
    passthrough_raw_ratio: ratio($processor.passthrough_events_per_s; $processor.raw_events_per_s),
    passthrough_no_partitioner_gain: ratio($processor.passthrough_no_partitioner_events_per_s; $processor.passthrough_events_per_s),
    processor_events_per_s: ($processor.processor_events_per_s // null),
    processor_windowed_only_events_per_s: ($processor.processor_windowed_only_events_per_s // null),
    processor_sessions_usage_cost_ratio: ratio($processor.processor_windowed_only_events_per_s; $processor.processor_events_per_s),
    processor_windowed_only_state_writes_per_event: ($processor.processor_windowed_only_state_writes_per_event // null),
    processor_windowed_only_output_records_per_event: ($processor.processor_windowed_only_output_records_per_event // null),
    processor_company_changes_per_event: ($processor.processor_company_changes_per_event // null),
    processor_windowed_only_company_changes_per_event: ($processor.processor_windowed_only_company_changes_per_event // null),
    processor_sessions_usage_records_floor_ratio: ($processor.processor_sessions_usage_records_floor_ratio // null),
    passthrough_no_partitioner_events_per_s: ($processor.passthrough_no_partitioner_events_per_s // null),
    passthrough_3_copies_events_per_s: ($processor.passthrough_3_copies_events_per_s // null),
    passthrough_1_hop_events_per_s: ($processor.passthrough_1_hop_events_per_s // null),
    passthrough_events_per_s: ($processor.passthrough_events_per_s // null),
    raw_events_per_s: ($processor.raw_events_per_s // null),
    processor_large_conference_events_per_s: ($processor.processor_large_conference_events_per_s // null),
    processor_large_conference_ratio: ratio($processor.processor_large_conference_events_per_s; $processor.processor_small_same_count_events_per_s),
    processor_rss_mb: ($processor.processor_rss_mb // null),
    processor_state_writes_per_event: ($processor.processor_state_writes_per_event // null),
    processor_output_records_per_event: ($processor.processor_output_records_per_event // null),
    freshness_p50_ms: (if $freshness == null then null else $freshness.freshness_p50_ms end),
    freshness_p99_ms: (if $freshness == null then null else $freshness.freshness_p99_ms end),
    freshness_rate: (if $freshness == null then null else $freshness.requests_per_s end),
    freshness_steady_p99_ms: (if $steady == null then null else $steady.freshness_p99_ms end),
    freshness_steady_rate: (if $steady == null then null else $steady.requests_per_s end),
    codec_output_json_stj_ratio: ratio($codec.codec_output_json_stj_ns; $codec.codec_output_json_handwritten_ns),
    codec_state_stj_ratio: ratio($codec.codec_state_stj_ns; $codec.codec_state_handwritten_ns),
    broker: $broker,
    load_average: [$load_start, $load_end]
  } + $codec + $rules')

{
  echo
  echo "closed-loop sweep (requests/s, p99 ms; broker: $broker_mode):"
  printf '%-12s %22s %22s %22s %10s %10s %6s\n' "connections" "no-op" "produce endpoint" "gateway" "gw/noop" "gw/prod" "load"
  jq -r '.[] | [.connections, .noop.requests_per_s, .noop.p99_ms, .produce.requests_per_s, .produce.p99_ms, .gateway.requests_per_s, .gateway.p99_ms,
      (.gateway.requests_per_s / .noop.requests_per_s * 1000 | round / 1000), (.gateway.requests_per_s / .produce.requests_per_s * 1000 | round / 1000), .load] | @tsv' <<<"$sweep_json" |
    awk -F'\t' '{ printf "%-12s %13s (%6s) %13s (%6s) %13s (%6s) %10s %10s %6s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }'
  echo
  for row in "gateway at half rate:$half" "no-op at the same rate:$noop_half"; do
    name=${row%%:*}; json=${row#*:}
    [ "$json" = null ] && continue
    jq -r --arg name "$name" '"\($name): \(.requests_per_s)/s p50 \(.p50_ms) ms p99 \(.p99_ms) ms p99.9 \(.p999_ms) ms non2xx \(.non2xx) errors \(.errors)"' <<<"$json"
  done
  jq -r '.[] | "gateway with in-process broker, \(.connections) connections: \(.gateway.requests_per_s)/s p99 \(.gateway.p99_ms) ms (RSS \(.rss_mb) MB)"' <<<"$inprocess"
  echo "gateway peak RSS: $gateway_rss MB"
  for f in "$freshness" "$freshness_steady"; do
    [ "$f" = null ] && continue
    jq -r '"freshness (role all, \(.requests_per_s) joins/s acknowledged, 202 p99 \(.p99_ms) ms): p50 \(.freshness_p50_ms) ms, p99 \(.freshness_p99_ms) ms; \(.freshness_counted) of \(.freshness_measured) joins counted"' <<<"$f"
  done
  if [ "$processor" != '{}' ]; then
    jq -r '"processor: \(.processor_events_per_s)/s; pass-through: \(.passthrough_events_per_s)/s (no stream partitioner: \(.passthrough_no_partitioner_events_per_s)/s); raw: \(.raw_events_per_s)/s; large conference: \(.processor_large_conference_events_per_s)/s over \(.large_events) events vs many small over the same count: \(.processor_small_same_count_events_per_s)/s; processor RSS \(.processor_rss_mb) MB"' <<<"$processor"
  fi
  echo "sweep=$sweep_json"
  echo "half=$half noop_half=$noop_half inprocess=$inprocess"
  echo "processor=$processor"
} >&2
echo "$summary"

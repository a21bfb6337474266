#!/usr/bin/env bash
# Processor benchmark (issue 5): StreamWorker's processor against a raw consume-and-parse loop over the same
# pre-filled webhook-events topic, in one run, on 127.0.0.1, bounded in time. Last line on stdout: one JSON
# object {"processor_events_per_s", "raw_events_per_s", "processor_rss_mb", "events", "partitions", ...}.
#
# 1. StreamWorker Role=broker: the embedded broker alone, on BROKER_PORT, with enough partitions for EVENTS
#    (librdkafka's mock keeps at most 5 MiB per partition; a stored event is ~420 bytes, so PER_PARTITION = 10000 events each stay below it).
# 2. simulator prefill: the first EVENTS events of CONFERENCES conferences (all starting within the first 3 min of
#    event time; with the defaults about 11k are live - started, not ended - at the end of the topic; the script
#    counts them from the same deterministic traffic and reports live_conferences).
# 3. simulator raw-consume: consume from the beginning and JsonDocument.Parse every value; events/s first to last.
# 4. StreamWorker Role=processor, fresh application id, reading the same topic from the beginning; events/s from
#    the first /metrics sample showing progress to the one where streamworker_processor_events_total reaches
#    EVENTS; peak RSS = VmHWM of that process.
#
# Environment: EVENTS (550000), CONFERENCES (13000), PER_PARTITION (10000), BROKER_PORT (19092),
#   PROCESSOR_PORT (8091), BROKER_HTTP_PORT (8092), CONFIGURATION (Release), PROCESSOR_TIMEOUT (180 s),
#   PROCESSOR_ENV (extra VAR=value settings for the processor, space separated).
set -euo pipefail
cd "$(dirname "$0")/.."

events=${EVENTS:-550000}
conferences=${CONFERENCES:-13000}
per_partition=${PER_PARTITION:-10000}
broker_port=${BROKER_PORT:-19092}
processor_port=${PROCESSOR_PORT:-8091}
broker_http_port=${BROKER_HTTP_PORT:-8092}
configuration=${CONFIGURATION:-Release}
timeout=${PROCESSOR_TIMEOUT:-180}
partitions=$(( (events + per_partition - 1) / per_partition ))
app_id="bench-$(date +%s)-$$"
bin="src/StreamWorker/bin/$configuration/net10.0/StreamWorker.dll"
simulator="src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll"
logs=${TMPDIR:-/tmp}/streamworker-bench
state_dir="$logs/state-$app_id"
mkdir -p "$logs"

started_pids=()
cleanup() {
  for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$state_dir"
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

processed() { # events counted by the processor so far (all types and outcomes); 0 while /metrics does not answer
  local metrics
  metrics=$(curl -fsS "http://127.0.0.1:$processor_port/metrics" 2>/dev/null) || metrics=""
  awk '/^streamworker_processor_events_total[{ ]/ { sum += $NF } END { printf "%d\n", sum }' <<<"$metrics"
}

now() { date +%s.%N; }

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "building StreamWorker and the simulator ($configuration)..." >&2
  dotnet build src/StreamWorker -c "$configuration" -nologo -v quiet >&2
  dotnet build src/StreamWorker.Simulator -c "$configuration" -nologo -v quiet >&2
fi

echo "starting the embedded broker on 127.0.0.1:$broker_port ($partitions partitions for $events events)..." >&2
Role=broker Kafka__Embedded__Port="$broker_port" Topics__Partitions="$partitions" Processor__ApplicationId="$app_id" \
  ASPNETCORE_URLS="http://127.0.0.1:$broker_http_port" dotnet "$bin" --contentRoot "$PWD/$(dirname "$bin")" >"$logs/broker.log" 2>&1 &
broker_pid=$!
started_pids+=("$broker_pid")
wait_for "http://127.0.0.1:$broker_http_port/healthz" 60 "$broker_pid"

echo "prefill: $events events of $conferences conferences..." >&2
prefill=$(dotnet "$simulator" prefill --bootstrap "127.0.0.1:$broker_port" --conferences "$conferences" --companies 50 \
  --duration 4m --limit "$events" | tail -n 1)
echo "  $prefill" >&2
written=$(jq -r '.records' <<<"$prefill")
# The same deterministic traffic (same options and seed): conferences started and not ended within it.
live=$(set +o pipefail; dotnet "$simulator" generate --conferences "$conferences" --companies 50 --duration 4m | head -n "$written" |
  grep -o 'event\\":\\"conference_\(start\|end\)' | sort | uniq -c |
  awk '/start/ { s = $1 } /end/ { e = $1 } END { print s - e }')
echo "  live conferences at the end of the topic: about $live (starts minus ends, duplicates included)" >&2

echo "raw consume-and-parse of $written events..." >&2
raw=$(dotnet "$simulator" raw-consume --bootstrap "127.0.0.1:$broker_port" --count "$written" --idle 10s | tail -n 1)
echo "  $raw" >&2

echo "processor over the same $written events (timeout ${timeout} s)..." >&2
# shellcheck disable=SC2086 # PROCESSOR_ENV is a list of VAR=value words
env Role=processor Kafka__BootstrapServers="127.0.0.1:$broker_port" Processor__ApplicationId="$app_id" \
  Processor__StateDirectory="$state_dir" ASPNETCORE_URLS="http://127.0.0.1:$processor_port" ${PROCESSOR_ENV:-} \
  dotnet "$bin" --contentRoot "$PWD/$(dirname "$bin")" >"$logs/processor.log" 2>&1 &
processor_pid=$!
started_pids+=("$processor_pid")
echo "$processor_pid" >"$logs/processor.pid" # for dotnet-trace / dotnet-counters while it runs
wait_for "http://127.0.0.1:$processor_port/healthz" 60 "$processor_pid"
deadline=$(( $(date +%s) + timeout ))
first_count=0 first_at="" count=0 end_at="" last_report=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  count=$(processed)
  at=$(now)
  if [ -z "$first_at" ] && [ "$count" -gt 0 ]; then first_count=$count first_at=$at; fi
  if [ "$count" -ge "$written" ]; then end_at=$at; break; fi
  if [ $(( $(date +%s) - last_report )) -ge 5 ]; then echo "  processed $count / $written" >&2; last_report=$(date +%s); fi
  sleep 0.25
done
rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$processor_pid/status" 2>/dev/null || echo null)
processor_rate=null
seconds=null
if [ -n "$end_at" ] && [ -n "$first_at" ]; then
  seconds=$(awk -v a="$first_at" -v b="$end_at" 'BEGIN { printf "%.3f", b - a }')
  processor_rate=$(awk -v n="$((count - first_count))" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "null" }')
else
  echo "processor did not reach $written events within ${timeout} s (at $count)" >&2
fi

jq -cn --argjson raw "$raw" --argjson rate "$processor_rate" --argjson rss "$rss" --argjson seconds "$seconds" \
  --argjson events "$written" --argjson partitions "$partitions" --argjson count "$count" --argjson live "${live:-null}" '{
    processor_events_per_s: $rate, raw_events_per_s: $raw.raw_events_per_s, processor_rss_mb: $rss,
    events: $events, live_conferences: $live, partitions: $partitions, processor_seconds: $seconds, processor_counted: $count,
    raw_seconds: $raw.seconds }'

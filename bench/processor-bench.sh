#!/usr/bin/env bash
# Processor benchmark: StreamWorker's processor against a raw consume-and-parse loop over the same
# pre-filled webhook-events topic, in one run, on 127.0.0.1, bounded in time. Last line on stdout: one JSON
# object {"processor_events_per_s", "raw_events_per_s", "processor_rss_mb", "events", "partitions", ...}.
#
# 1. StreamWorker Role=broker: the embedded broker alone, on BROKER_PORT, with enough partitions for EVENTS
#    (librdkafka's mock keeps at most 5 MiB per partition; a stored event is ~420 bytes, so PER_PARTITION = 10000 events each stay below it).
# 2. simulator prefill: the first EVENTS events of CONFERENCES conferences (all starting within the first 3 min of
#    event time; with the defaults about 11k are live - started, not ended - at the end of the topic; the script
#    counts them from the same deterministic traffic and reports live_conferences).
# 3. simulator raw-consume: consume from the beginning and read every value with the processor's StoredEventReader; events/s first to last.
# 4. Streamiz pass-through (bench/StreamWorker.Bench passthrough): the processor's stream configuration, a topology
#    that writes every record to one topic, no state; once with Streamiz's default stream partitioner (To(topic)) and
#    once without one (KeyPartitionedSink.ToByKey), to price StreamsProducer.PartitionsFor; then (no partitioner)
#    writing every event 3 times, and sending every event through one repartition topic before writing it: what one
#    more output record, and one more internal record produced and read again, cost per event with no rule at all.
# 5. StreamWorker Role=processor, fresh application id, reading the same topic from the beginning; events/s from
#    the first /metrics sample showing progress to the one where streamworker_processor_events_total reaches
#    EVENTS; peak RSS = VmHWM of that process. The time it passed LARGE_EVENTS is kept too (same-count rate).
# 6. The same events again (fresh broker, same prefill) through a processor computing only the three windowed
#    aggregates (Processor:Aggregates); processor_sessions_usage_cost_ratio = its events/s / the full processor's,
#    what conference sessions and company usage add to the time per event. processor_sessions_usage_records_floor_ratio
#    prices only the records the two add (output records and company-changes records per event, from /metrics and the
#    repartition topic's offsets) at the pass-throughs' cost: the ratio no rule code, however fast, could go below.
# 7. Large conference: a fresh broker (same settings), the first LARGE_EVENTS events of one conference with
#    LARGE_VIEWERS livestream viewers and LARGE_PARTICIPANTS participants over LARGE_DURATION (one company, event-time
#    order, no re-deliveries), the same processor; ratio = its events/s / the many-small run's over the same count.
#    One conference is one key, so one partition, and the embedded broker keeps at most 5 MiB per partition: the
#    prefill compresses (lz4) and LARGE_EVENTS defaults to what fits (the script checks and reports it).
#
# Environment: EVENTS (550000), CONFERENCES (13000), PER_PARTITION (10000), BROKER_PORT (19092),
#   PROCESSOR_PORT (8091), BROKER_HTTP_PORT (8092), CONFIGURATION (Release), PROCESSOR_TIMEOUT (180 s),
#   PROCESSOR_ENV (extra VAR=value settings for the processor, space separated), LARGE_EVENTS (min(EVENTS, 50000)),
#   LARGE_VIEWERS (50000), LARGE_PARTICIPANTS (5000), LARGE_DURATION (1h), LARGE_TIMEOUT (PROCESSOR_TIMEOUT),
#   PASSTHROUGH_SET (librdkafka key=value settings for the pass-through, space separated, as Kafka__Client__* would be).
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
large_events=${LARGE_EVENTS:-$(( events < 50000 ? events : 50000 ))}
large_viewers=${LARGE_VIEWERS:-50000}
large_participants=${LARGE_PARTICIPANTS:-5000}
large_duration=${LARGE_DURATION:-1h}
large_timeout=${LARGE_TIMEOUT:-$timeout}
partitions=$(( (events + per_partition - 1) / per_partition ))
app_id="bench-$(date +%s)-$$"
bin="src/StreamWorker/bin/$configuration/net10.0/StreamWorker.dll"
simulator="src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll"
bench_tool="bench/StreamWorker.Bench/bin/$configuration/net10.0/StreamWorker.Bench.dll"
logs=${TMPDIR:-/tmp}/streamworker-bench
state_dir="$logs/state-$app_id"
mkdir -p "$logs"

# shellcheck source=bench/lib.sh
. bench/lib.sh
cleanup() {
  stop_started
  rm -rf "$state_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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
  dotnet build bench/StreamWorker.Bench -c "$configuration" -nologo -v quiet >&2
fi

start_broker() { # application id: the embedded broker alone, with the processor's internal topics for that id
  Role=broker Kafka__Embedded__Port="$broker_port" Topics__Partitions="$partitions" Processor__ApplicationId="$1" \
    Topics__Extra__0=bench-passthrough Topics__Extra__1=bench-hop-hop1-repartition ASPNETCORE_URLS="http://127.0.0.1:$broker_http_port" \
    dotnet "$bin" --contentRoot "$PWD/$(dirname "$bin")" >"$logs/broker.log" 2>&1 &
  broker_pid=$!
  started_pids+=("$broker_pid")
  wait_for "http://127.0.0.1:$broker_http_port/healthz" 60 "$broker_pid"
}

run_processor() { # application id, state dir, events, timeout, mark: sets proc_rate proc_seconds proc_count proc_rss mark_rate
  local id=$1 dir=$2 target=$3 limit=$4 mark=$5
  # shellcheck disable=SC2086 # PROCESSOR_ENV is a list of VAR=value words
  env Role=processor Kafka__BootstrapServers="127.0.0.1:$broker_port" Processor__ApplicationId="$id" \
    Processor__StateDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$processor_port" ${PROCESSOR_ENV:-} \
    dotnet "$bin" --contentRoot "$PWD/$(dirname "$bin")" >"$logs/processor-$id.log" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  echo "$pid" >"$logs/processor.pid" # for perf / dotnet-counters while it runs
  wait_for "http://127.0.0.1:$processor_port/healthz" 60 "$pid"
  local deadline=$(( $(date +%s) + limit )) first_count=0 first_at="" end_at="" mark_at="" mark_count=0 last_report=0 at
  proc_count=0
  while [ "$(date +%s)" -lt "$deadline" ]; do
    proc_count=$(processed)
    at=$(now)
    if [ -z "$first_at" ] && [ "$proc_count" -gt 0 ]; then first_count=$proc_count first_at=$at; fi
    if [ -z "$mark_at" ] && [ "$proc_count" -ge "$mark" ]; then mark_at=$at mark_count=$proc_count; fi
    if [ "$proc_count" -ge "$target" ]; then end_at=$at; break; fi
    if [ $(( $(date +%s) - last_report )) -ge 5 ]; then echo "  processed $proc_count / $target" >&2; last_report=$(date +%s); fi
    sleep 0.25
  done
  proc_rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo null)
  # Per event read: state writes (each a changelog record) and output records (updates, final records, dead letters).
  local metrics
  metrics=$(curl -fsS "http://127.0.0.1:$processor_port/metrics" 2>/dev/null) || metrics=""
  read -r proc_writes_per_event proc_outputs_per_event < <(awk '
    /^streamworker_processor_events_total[{ ]/ { events += $NF }
    /^streamworker_processor_state_writes_total[{ ]/ { writes += $NF }
    /^streamworker_processor_records_emitted_total[{ ]/ || /^streamworker_processor_windows_closed_total[{ ]/ { outputs += $NF }
    /^streamworker_deadletter_writes_total[{]/ && /component="processor"/ { outputs += $NF }
    END { if (events > 0) printf "%.2f %.2f\n", writes / events, outputs / events; else print "null null" }' <<<"$metrics")
  # Company-stage input per event read: records of the repartition topic (attempt changes, usage counts, progress).
  proc_changes_per_event=$(for ((p = 0; p < partitions; p++)); do kcat -b "127.0.0.1:$broker_port" -Q -t "$id-company-changes-repartition:$p:-1" 2>/dev/null; done |
    awk -v n="$proc_count" '{ sum += $NF } END { if (n > 0) printf "%.2f\n", sum / n; else print "null" }')
  proc_rate=null proc_seconds=null mark_rate=null
  if [ -n "$first_at" ]; then
    # Not finished within the time limit: the rate so far, flagged by processor_counted < events.
    [ -n "$end_at" ] || { echo "processor did not reach $target events within $limit s (at $proc_count)" >&2; end_at=$at; }
    proc_seconds=$(awk -v a="$first_at" -v b="$end_at" 'BEGIN { printf "%.3f", b - a }')
    proc_rate=$(awk -v n="$((proc_count - first_count))" -v s="$proc_seconds" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "null" }')
    if [ -n "$mark_at" ]; then
      mark_rate=$(awk -v n="$((mark_count - first_count))" -v a="$first_at" -v b="$mark_at" 'BEGIN { if (b > a) printf "%.1f", n / (b - a); else print "null" }')
    fi
  fi
  stop_pid "$pid"
}

echo "starting the embedded broker on 127.0.0.1:$broker_port ($partitions partitions for $events events)..." >&2
start_broker "$app_id"

prefill_many() { # the many-small-conferences traffic, the same every time (fixed seed)
  dotnet "$simulator" prefill --bootstrap "127.0.0.1:$broker_port" --conferences "$conferences" --companies 50 \
    --duration 4m --limit "$events" | tail -n 1
}

echo "prefill: $events events of $conferences conferences..." >&2
prefill=$(prefill_many)
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

passthrough_args=()
for kv in ${PASSTHROUGH_SET:-}; do passthrough_args+=(--set "$kv"); done
passthrough() { # partitioner, then more bench passthrough options
  local partitioner=$1
  shift
  dotnet "$bench_tool" passthrough --bootstrap "127.0.0.1:$broker_port" --count "$written" --to bench-passthrough \
    --partitioner "$partitioner" --timeout "$timeout" "$@" "${passthrough_args[@]}" 2>>"$logs/passthrough.log" | grep '^{' | tail -n 1
}
echo "Streamiz pass-through of the same $written events (default stream partitioner, then none)..." >&2
pass_default=$(passthrough default) || pass_default='{}'
echo "  $pass_default" >&2
pass_none=$(passthrough none) || pass_none='{}'
echo "  $pass_none" >&2
# What records cost with no rule: each event written three times, and each sent through one repartition topic first.
echo "the same pass-through writing every event 3 times, then through one repartition topic..." >&2
pass_copies=$(passthrough none --copies 3) || pass_copies='{}'
echo "  $pass_copies" >&2
pass_hop=$(passthrough none --hops 1 --application-id bench-hop) || pass_hop='{}'
echo "  $pass_hop" >&2

echo "processor over the same $written events (timeout ${timeout} s)..." >&2
run_processor "$app_id" "$state_dir" "$written" "$timeout" "$large_events"
processor_rate=$proc_rate seconds=$proc_seconds count=$proc_count rss=$proc_rss small_same_count=$mark_rate
writes_per_event=$proc_writes_per_event outputs_per_event=$proc_outputs_per_event changes_per_event=$proc_changes_per_event

# The same events through a processor computing the three windowed aggregates only (no conference sessions, no
# company usage): a fresh broker with the same settings and the same prefill, so that the two runs differ only by the
# rules (what the two aggregates cost per event, with everything Streamiz and Kafka do for them).
stop_pid "$broker_pid"
older_id="$app_id-older"
start_broker "$older_id"
echo "the same $written events, processor with the three windowed aggregates only..." >&2
older_prefill=$(prefill_many)
older_rate=null older_writes=null older_outputs=null older_changes=null
if [ "$(jq -r '.records' <<<"$older_prefill")" = "$written" ]; then
  PROCESSOR_ENV="${PROCESSOR_ENV:-} Processor__Aggregates=conference-participants,livestream-churn,dialout-answer-rate" \
    run_processor "$older_id" "$state_dir-older" "$written" "$timeout" "$large_events"
  older_rate=$proc_rate older_writes=$proc_writes_per_event older_outputs=$proc_outputs_per_event older_changes=$proc_changes_per_event
fi
rm -rf "$state_dir-older"

# Large conference: a fresh broker with the same settings, so the two shapes do not share a log or a group.
stop_pid "$broker_pid"
large_id="$app_id-large"
start_broker "$large_id"
echo "large conference: $large_viewers viewers + $large_participants participants over $large_duration, first $large_events events..." >&2
large_prefill=$(dotnet "$simulator" prefill --bootstrap "127.0.0.1:$broker_port" --viewers "$large_viewers" --participants "$large_participants" \
  --companies 1 --duration "$large_duration" --duplicates 0 --out-of-order 0 --unknown 0 --compression lz4 --limit "$large_events" | tail -n 1)
echo "  $large_prefill" >&2
large_written=$(jq -r '.records' <<<"$large_prefill")
# The embedded broker drops a partition's oldest batches beyond 5 MiB: count what it kept before timing anything.
kept=$(dotnet "$simulator" raw-consume --bootstrap "127.0.0.1:$broker_port" --count "$large_written" --idle 3s | tail -n 1)
large_kept=$(jq -r '.records' <<<"$kept")
echo "  kept by the broker: $large_kept of $large_written" >&2
large_rate=null large_count=null large_seconds=null
if [ "$large_kept" -lt "$large_written" ]; then
  echo "the broker kept $large_kept of $large_written events in the conference's partition: lower LARGE_EVENTS" >&2
else
  run_processor "$large_id" "$state_dir-large" "$large_written" "$large_timeout" "$large_written"
  large_rate=$proc_rate large_count=$proc_count large_seconds=$proc_seconds
fi
rm -rf "$state_dir-large"

jq -cn --argjson raw "$raw" --argjson rate "$processor_rate" --argjson rss "$rss" --argjson seconds "$seconds" \
  --argjson events "$written" --argjson partitions "$partitions" --argjson count "$count" --argjson live "${live:-null}" \
  --argjson pass "$pass_default" --argjson pass_none "$pass_none" --argjson pass_copies "$pass_copies" --argjson pass_hop "$pass_hop" \
  --argjson changes "${changes_per_event:-null}" --argjson older_changes "${older_changes:-null}" --argjson small_same "${small_same_count:-null}" \
  --argjson large_rate "$large_rate" --argjson large_events "$large_written" --argjson large_count "$large_count" \
  --argjson large_seconds "$large_seconds" --argjson older_rate "$older_rate" \
  --argjson older_writes "${older_writes:-null}" --argjson older_outputs "${older_outputs:-null}" --argjson writes "${writes_per_event:-null}" --argjson outputs "${outputs_per_event:-null}" '{
    processor_state_writes_per_event: $writes, processor_output_records_per_event: $outputs,
    processor_events_per_s: $rate, processor_windowed_only_events_per_s: $older_rate,
    processor_windowed_only_state_writes_per_event: $older_writes, processor_windowed_only_output_records_per_event: $older_outputs,
    processor_sessions_usage_cost_ratio: (if $rate != null and $older_rate != null and $rate > 0 then (($older_rate / $rate) * 1000 | round) / 1000 else null end),
    processor_company_changes_per_event: $changes, processor_windowed_only_company_changes_per_event: $older_changes,
    passthrough_3_copies_events_per_s: ($pass_copies.passthrough_events_per_s // null),
    passthrough_1_hop_events_per_s: ($pass_hop.passthrough_events_per_s // null),
    # The least the two aggregates can cost, from the records they add alone (no rule, no state), priced by the
    # pass-throughs: extra output records x (time of 3 copies - time of 1) / 2 + extra repartition records x
    # (time with a hop - time without), over the windowed aggregates time per event; 1 + that is a floor for the ratio.
    processor_sessions_usage_records_floor_ratio: (
      ($pass_none.passthrough_events_per_s // null) as $p1 | ($pass_copies.passthrough_events_per_s // null) as $p3
      | ($pass_hop.passthrough_events_per_s // null) as $ph
      | if $p1 != null and $p3 != null and $ph != null and $older_rate != null and $outputs != null and $older_outputs != null
            and $changes != null and $older_changes != null
        then (1 + ((($outputs - $older_outputs) * ((1 / $p3) - (1 / $p1)) / 2) + (($changes - $older_changes) * ((1 / $ph) - (1 / $p1)))) * $older_rate)
             * 1000 | round / 1000
        else null end),
    raw_events_per_s: $raw.raw_events_per_s, processor_rss_mb: $rss,
    passthrough_events_per_s: ($pass.passthrough_events_per_s // null),
    passthrough_no_partitioner_events_per_s: ($pass_none.passthrough_events_per_s // null),
    processor_large_conference_events_per_s: $large_rate, processor_small_same_count_events_per_s: $small_same,
    large_events: $large_events, large_counted: $large_count, large_seconds: $large_seconds,
    events: $events, live_conferences: $live, partitions: $partitions, processor_seconds: $seconds, processor_counted: $count,
    raw_seconds: $raw.seconds }'

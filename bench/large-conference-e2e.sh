#!/usr/bin/env bash
# One webinar end to end: VIEWERS livestream viewers and PARTICIPANTS participants of one conference, each entering
# and leaving once, posted over HTTP (event-time order, no duplicates) to StreamWorker role "all" with the embedded
# broker. Prints the processor's rate per fifth of the run, how long after the last post it caught up, the largest
# record on every topic the processor writes, the processor's peak RSS, and checks the output: consecutive windows
# must chain (a window's closing size is the next one's carried-in size) and both sets end empty after
# conference_end. (The embedded broker keeps about 5 MiB per partition, and one conference is one partition, so
# only the later windows' records are still there to read; the chain is checked over those.)
# Last line on stdout: one JSON object. Bounded: every wait has a timeout.
#
# Environment: VIEWERS (20000), PARTICIPANTS (2000), RATE (0 = as fast as the gateway takes them), CONCURRENCY (1:
#   posts in event-time order, so that each window's carried-in size is the previous one's closing size),
#   HTTP_PORT (18090), BROKER_PORT (19390), CONFIGURATION (Release), TIMEOUT (300 s).
set -euo pipefail
cd "$(dirname "$0")/.."
viewers=${VIEWERS:-20000}; participants=${PARTICIPANTS:-2000}; rate=${RATE:-0}; concurrency=${CONCURRENCY:-1}
http_port=${HTTP_PORT:-18090}; broker_port=${BROKER_PORT:-19390}; configuration=${CONFIGURATION:-Release}; timeout_s=${TIMEOUT:-300}
token="large-conference-$$"
workdir=${WORKDIR:-$(mktemp -d)}
dotnet build src/StreamWorker -c "$configuration" -v q -nologo >/dev/null
dotnet build src/StreamWorker.Simulator -c "$configuration" -v q -nologo >/dev/null

Role=all Urls="http://127.0.0.1:$http_port" Kafka__Embedded__Port="$broker_port" Gateway__SigningTokens__0="$token" \
  Processor__IdleCloseAfter=00:00:00 \
  dotnet "src/StreamWorker/bin/$configuration/net10.0/StreamWorker.dll" >"$workdir/streamworker.log" 2>&1 &
sw=$!
trap 'kill $sw 2>/dev/null || true; wait $sw 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$workdir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$http_port/readyz" >/dev/null || { echo "StreamWorker not ready" >&2; tail -20 "$workdir/streamworker.log" >&2; exit 1; }

processed() { curl -sf "http://127.0.0.1:$http_port/metrics" | awk '/^streamworker_processor_events_total/ {s += $NF} END {printf "%d", s}'; }
ready_status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/readyz"; }

dotnet "src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll" generate --out "$workdir/deliveries.ndjson" \
  --companies 1 --conferences 1 --viewers "$viewers" --participants "$participants" --duration 1h \
  --duplicates 0 --out-of-order 0 --late 0 --unknown 0 --invalid 0 --start 2026-12-01T08:00:00Z 2>/dev/null
total=$(wc -l <"$workdir/deliveries.ndjson")
echo "posting $total events of one conference ($viewers viewers, $participants participants)..." >&2
start=$(date +%s.%N)
STREAMWORKER_TOKEN="$token" dotnet "src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll" replay \
  --file "$workdir/deliveries.ndjson" --url "http://127.0.0.1:$http_port/webhooks" --rate "$rate" --concurrency "$concurrency" >"$workdir/replay.log" 2>&1 &
replay=$!
samples="$workdir/samples"; : >"$samples"; not_ready=0; sent_done=""
deadline=$(( $(date +%s) + timeout_s ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  now=$(date +%s.%N); n=$(processed || echo 0); echo "$now $n" >>"$samples"
  [ "$(ready_status)" = 200 ] || not_ready=$((not_ready + 1))
  if [ -z "$sent_done" ] && ! kill -0 "$replay" 2>/dev/null; then sent_done=$now; fi
  [ "$n" -ge "$total" ] && [ -n "$sent_done" ] && break
  sleep 0.25
done
wait "$replay" || { echo "replay failed:" >&2; tail -5 "$workdir/replay.log" >&2; exit 1; }
done_at=$(tail -1 "$samples" | cut -d' ' -f1)
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$sw/status")

# Largest record per topic, and the totals of the latest record per window.
largest=""
for topic in webhook-events-dlq analytics-conference-participants analytics-livestream-churn analytics-dialout-answer-rate \
             streamworker-conference-state-changelog streamworker-company-state-changelog streamworker-company-changes-repartition; do
  size=$(timeout 60 kcat -b "127.0.0.1:$broker_port" -C -t "$topic" -o beginning -e -q -f '%S\n' 2>/dev/null | sort -n | tail -1)
  largest="$largest\"$topic\":${size:-0},"
done
timeout 60 kcat -b "127.0.0.1:$broker_port" -C -t analytics-livestream-churn -o beginning -e -q -f '%s\n' >"$workdir/churn.ndjson" 2>/dev/null || true
timeout 60 kcat -b "127.0.0.1:$broker_port" -C -t analytics-conference-participants -o beginning -e -q -f '%s\n' >"$workdir/participants.ndjson" 2>/dev/null || true

python3 - "$samples" "$start" "$sent_done" "$done_at" "$total" "$viewers" "$participants" "$rss_kb" "$not_ready" "{${largest%,}}" "$workdir" <<'PY'
import json, sys
samples_file, start, sent_done, done_at, total, viewers, participants, rss_kb, not_ready, largest, workdir = sys.argv[1:]
samples = [tuple(map(float, line.split())) for line in open(samples_file) if line.strip()]
total = int(total)
def at(count):  # first sample time at which `count` events were processed
    return next(t for t, n in samples if n >= count)
fifths = []
for i in range(5):
    lo, hi = total * i // 5, total * (i + 1) // 5
    t0 = at(max(lo, 1)); t1 = at(hi)
    fifths.append(round((hi - lo) / max(t1 - t0, 1e-3), 1))
def latest(path):
    out = {}
    for line in open(path):
        if line.strip():
            r = json.loads(line); out[r["window_start"]] = r
    return out.values()
churn = sorted(latest(f"{workdir}/churn.ndjson"), key=lambda r: r["window_start"])
parts = sorted(latest(f"{workdir}/participants.ndjson"), key=lambda r: r["window_start"])
def chained(records, start_size, end_size):
    ok = all(end_size(a) == start_size(b) for a, b in zip(records, records[1:]) if a["window_end"] == b["window_start"])
    return ok and bool(records) and end_size(records[-1]) == 0
churn_end = lambda r: r["viewers_at_start"] + r["enters"] - r["leaves"]
parts_start = lambda r: r["concurrent"] - r["joins"] + r["leaves"]
result = {
    "events": total, "events_per_s_by_fifth": fifths, "last_fifth_over_first": round(fifths[-1] / fifths[0], 2),
    "caught_up_s_after_last_post": round(float(done_at) - float(sent_done), 1), "sender_s": round(float(sent_done) - float(start), 1),
    "processor_rss_mb": round(int(rss_kb) / 1024, 1), "readyz_not_200_samples": int(not_ready), "largest_record_bytes": json.loads(largest),
    "windows_checked": len(churn) + len(parts), "final_windows": sum(1 for r in churn + parts if r["final"]),
    "churn_chained": chained(churn, lambda r: r["viewers_at_start"], churn_end),
    "participants_chained": chained(parts, parts_start, lambda r: r["concurrent"]),
}
result["output_consistent"] = result["churn_chained"] and result["participants_chained"]
print(json.dumps(result))
PY

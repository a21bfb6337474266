#!/usr/bin/env bash
# The README's benchmark table from one `make bench` JSON line (stdin or the file given), so the README and
# BENCHMARKS.md quote the same run: bench/bench.sh | tail -n 1 > /tmp/bench.json; bench/readme-table.sh /tmp/bench.json
set -euo pipefail
jq -r '
  def n(x): if x == null then "n/a" else (x | tostring) end;
  def met(ok): if ok then "met" else "missed" end;
  "| figure | measured | target |",
  "| --- | --- | --- |",
  "| gateway best rate (\(n(.gateway_best_connections)) connections, broker out of process) | \(n(.gateway_max_events_per_s)) req/s | grows with concurrency |",
  "| gateway / produce endpoint, best concurrency | \(n(.gateway_produce_ratio)) | ≥ 0.85: \(met((.gateway_produce_ratio // 0) >= 0.85)) |",
  "| gateway / no-op, best concurrency | \(n(.gateway_noop_ratio)) | ≥ 0.5: \(met((.gateway_noop_ratio // 0) >= 0.5)) |",
  "| gateway p99 at half its best rate | \(n(.gateway_p99_ms_half_load)) ms | ≤ 20 ms: \(met((.gateway_p99_ms_half_load // 1e9) <= 20)) |",
  "| gateway peak RSS after the sweep | \(n(.gateway_rss_mb)) MB | ≤ 150 MB: \(met((.gateway_rss_mb // 1e9) <= 150)) |",
  "| processor | \(n(.processor_events_per_s)) events/s: \(n(.processor_passthrough_ratio)) × pass-through, \(n(.processor_raw_ratio)) × raw consume-and-parse | ≥ 0.6 × pass-through: \(met((.processor_passthrough_ratio // 0) >= 0.6)) |",
  "| conference sessions and company usage: time per event, all five aggregates / the three windowed ones (same events) | \(n(.processor_sessions_usage_cost_ratio)) × (\(n(.processor_events_per_s)) / \(n(.processor_windowed_only_events_per_s)) events/s) | ≤ 1.25: \(met((.processor_sessions_usage_cost_ratio // 1e9) <= 1.25)) |",
  "| the same, priced from the records the two add alone (pass-through cost per output and per repartition record) | \(n(.processor_sessions_usage_records_floor_ratio)) × | the ratio if the two rules and their state cost nothing |",
  "| large conference / many small, same event count | \(n(.processor_large_conference_ratio)) | ≥ 0.8: \(met((.processor_large_conference_ratio // 0) >= 0.8)) |",
  "| processor peak RSS (~11 900 live conferences) | \(n(.processor_rss_mb)) MB | ≤ 400 MB at 10 000 |",
  "| freshness p99 at \(n(.freshness_steady_rate)) joins/s (role all) | \(n(.freshness_steady_p99_ms)) ms | ≤ 500 ms: \(met((.freshness_steady_p99_ms // 1e9) <= 500)) |",
  "| output JSON: System.Text.Json source generation / hand-written | \(n(.codec_output_json_stj_ratio)) × the time, \(n(.codec_output_json_stj_bytes)) / \(n(.codec_output_json_handwritten_bytes)) bytes | shipped: source generation |",
  "| state codec: System.Text.Json / hand-written binary | \(n(.codec_state_stj_ratio)) × the time | shipped: hand-written |"
' "${1:-/dev/stdin}"

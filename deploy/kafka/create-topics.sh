#!/bin/bash
# Creates every topic listed in topics.txt (next to this script) with the same
# partition count. Idempotent: existing topics are left as they are.
# Environment: BOOTSTRAP_SERVERS (kafka:19092), PARTITIONS (6),
# REPLICATION_FACTOR (1), RETENTION_MS (7 days), KAFKA_BIN (/opt/kafka/bin).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
topics_file="${TOPICS_FILE:-${script_dir}/topics.txt}"
bootstrap="${BOOTSTRAP_SERVERS:-kafka:19092}"
partitions="${PARTITIONS:-6}"
replication="${REPLICATION_FACTOR:-1}"
retention_ms="${RETENTION_MS:-604800000}"
kafka_topics="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"

while read -r topic policy _; do
  case "${topic}" in ''|'#'*) continue ;; esac
  echo "creating ${topic} (partitions=${partitions}, cleanup.policy=${policy})"
  "${kafka_topics}" --bootstrap-server "${bootstrap}" --create --if-not-exists \
    --topic "${topic}" --partitions "${partitions}" \
    --replication-factor "${replication}" \
    --config "cleanup.policy=${policy}" --config "retention.ms=${retention_ms}"
done < "${topics_file}"

"${kafka_topics}" --bootstrap-server "${bootstrap}" --list

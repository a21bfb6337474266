#!/usr/bin/env bash
# Rolling-restart soak: the CI test RollingRestartTests (broker process, gateway, two processors, a seeded scenario
# posted at a steady pace, processors replaced one after the other, output compared with the contract oracle), run
# RUNS times per guarantee with a random seed each time and ROUNDS rounds of restarts (round 1 SIGTERM, round 2
# SIGKILL, later rounds either at random, at random stop points). 127.0.0.1 only; each run is bounded by RUN_TIMEOUT.
# Prints one line per run and, per guarantee, "exact runs N/N" with the worst time from the last post to exactness.
#
# Environment: RUNS (20), ROUNDS (3), GUARANTEES ("at_least_once exactly_once"), RUN_TIMEOUT (600 s),
#   STEPS (700 scenario steps, ~820 deliveries), CONFIGURATION (Release), LOG_DIR (kept logs; default a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
ROUNDS=${ROUNDS:-3}
GUARANTEES=${GUARANTEES:-"at_least_once exactly_once"}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
STEPS=${STEPS:-700}
CONFIGURATION=${CONFIGURATION:-Release}
LOG_DIR=${LOG_DIR:-$(mktemp -d -t rolling-soak-XXXXXX)}
mkdir -p "$LOG_DIR"

dotnet build tests/StreamWorker.Tests -c "$CONFIGURATION" -v quiet -nologo >/dev/null
echo "rolling soak: $RUNS runs x {$GUARANTEES}, $ROUNDS rounds each; logs in $LOG_DIR"
for guarantee in $GUARANTEES; do
  exact=0; worst=0
  for run in $(seq 1 "$RUNS"); do
    seed=$(( (RANDOM << 15) | RANDOM ))
    log="$LOG_DIR/$guarantee-$run-$seed.log"
    set +e
    ROLLING_SEED=$seed ROLLING_ROUNDS=$ROUNDS ROLLING_STEPS=$STEPS timeout "$RUN_TIMEOUT" \
      dotnet test tests/StreamWorker.Tests -c "$CONFIGURATION" --no-build \
        --filter "FullyQualifiedName~RollingRestartTests&DisplayName~$guarantee" \
        --logger "console;verbosity=detailed" >"$log" 2>&1
    status=$?
    set -e
    seconds=$(grep -o 'exact [0-9.]* s after the last post' "$log" | head -1 | awk '{print $2}' || true)
    if [ "$status" -eq 0 ] && [ -n "$seconds" ]; then
      exact=$((exact + 1))
      worst=$(awk -v a="$worst" -v b="$seconds" 'BEGIN { print (b > a) ? b : a }')
      echo "$guarantee run $run seed $seed: exact after ${seconds} s"
    else
      echo "$guarantee run $run seed $seed: NOT exact (exit $status), see $log"
    fi
  done
  echo "$guarantee: exact runs $exact/$RUNS, worst time to exactness ${worst} s after the last post"
done

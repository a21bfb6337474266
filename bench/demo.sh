#!/usr/bin/env bash
# The live demo: starts StreamWorker (role all, embedded Kafka-protocol broker on 127.0.0.1:9092) in the
# background, waits until it is ready, then runs the simulator's demo (realistic traffic at ~200 events/s
# plus the live aggregate tables) in this terminal until Ctrl+C. StreamWorker is stopped on exit.
#
# Usage: bench/demo.sh [simulator demo options, e.g. --rate 400 --companies 50]
# Environment: DEMO_TOKEN (default demo-token), DEMO_PORT (default 8080), CONFIGURATION (default Release).
set -euo pipefail
cd "$(dirname "$0")/.."

token=${DEMO_TOKEN:-demo-token}
port=${DEMO_PORT:-8080}
configuration=${CONFIGURATION:-Release}
log=${TMPDIR:-/tmp}/streamworker-demo.log

echo "building StreamWorker and the simulator ($configuration)..."
dotnet build src/StreamWorker -c "$configuration" -nologo -v quiet
dotnet build src/StreamWorker.Simulator -c "$configuration" -nologo -v quiet

echo "starting StreamWorker (role all, embedded broker), log in $log"
Role=all \
ASPNETCORE_URLS="http://127.0.0.1:$port" \
Gateway__SigningTokens__0="$token" \
  dotnet "src/StreamWorker/bin/$configuration/net10.0/StreamWorker.dll" --contentRoot "$PWD/src/StreamWorker/bin/$configuration/net10.0" >"$log" 2>&1 &
worker=$!

stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null || true
    # Bounded wait for a graceful shutdown, then make sure it is gone.
    for _ in $(seq 1 50); do kill -0 "$worker" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

printf 'waiting for http://127.0.0.1:%s/readyz ' "$port"
for i in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then echo " ready"; break; fi
  if ! kill -0 "$worker" 2>/dev/null; then echo; echo "StreamWorker exited; last lines of $log:"; tail -n 30 "$log"; exit 1; fi
  if [ "$i" -eq 120 ]; then echo; echo "StreamWorker not ready after 120 s; last lines of $log:"; tail -n 30 "$log"; exit 1; fi
  printf '.'; sleep 1
done

dotnet "src/StreamWorker.Simulator/bin/$configuration/net10.0/StreamWorker.Simulator.dll" demo \
  --token "$token" --url "http://127.0.0.1:$port" --bootstrap 127.0.0.1:9092 "$@"

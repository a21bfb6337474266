# shellcheck shell=bash
# Shell helpers of the benchmark scripts, sourced from the repository root: the processes a script starts
# (started_pids) are stopped on exit, and a process's HTTP endpoint is waited for while the process is alive.

started_pids=()

stop_pid() { # pid: stop one process this script started; SIGKILL if it is still there after 10 s
  kill -TERM "$1" 2>/dev/null || true
  await_exit "$1"
}

await_exit() { # pid: wait up to 10 s for it to exit, then SIGKILL
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$1" 2>/dev/null || true
}

stop_started() { # SIGTERM to every started process at once, then each gets 10 s before SIGKILL
  for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started_pids[@]}"; do await_exit "$pid"; done
  started_pids=()
}

wait_for() { # url seconds pid
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process $3 exited before $1 answered" >&2; return 1; }
    sleep 1
  done
  echo "$1 did not answer within $2 s" >&2
  return 1
}

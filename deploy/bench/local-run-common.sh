# Sourced by the benchmarks that can start the local run themselves (their --short runs in CI).
#   local_run_for URL... -- ARGS...
# starts ./run-local.sh --no-build ARGS in the background, waits (up to 300 s) for its banner and for every URL to
# answer 2xx, and stops it when the benchmark's shell exits (stop_run, also callable from the caller's own trap).
local_run_for() {
  local urls=()
  while [ "$1" != -- ]; do urls+=("$1"); shift; done
  shift
  run_log=$(mktemp)
  setsid ./run-local.sh --no-build "$@" >"$run_log" 2>&1 &
  run=$!
  stop_run() { kill -TERM -- "-$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; rm -f "$run_log"; }
  trap stop_run EXIT
  local up
  for _ in $(seq 1 300); do
    up=false
    if grep -q "Press Ctrl-C to stop everything" "$run_log"; then
      up=true
      for u in "${urls[@]}"; do curl -sf -o /dev/null "$u" || { up=false; break; }; done
    fi
    $up && return 0
    kill -0 "$run" 2>/dev/null || { cat "$run_log" >&2; exit 1; }
    sleep 1
  done
  echo "the local run was not up after 300 s" >&2
  tail -n 40 "$run_log" >&2
  exit 1
}

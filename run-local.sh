#!/usr/bin/env bash
# Runs the whole platform on this machine with nothing but a JDK 17+: a real Kafka broker, PostgreSQL 16,
# an S3 server standing in for MinIO, a SIMULATED 4-node Raspberry Pi k3s cluster (unless KUBECONFIG is set),
# a Prometheus stand-in (unless PROMETHEUS_URL is set), the four services and the control panel on
# http://127.0.0.1:8080. It keeps running in this terminal; Ctrl-C stops everything.
#
#   ./run-local.sh                 build what is needed, then start (keeps the data of the last run)
#   ./run-local.sh --no-build      start from what is already built
#   ./run-local.sh --fresh         start with empty data (PostgreSQL, S3, Kafka, the simulated cluster)
#   ./run-local.sh --help          all options (--services, --infra-only, --api-port)
#
# Data, logs and generated secrets live in .local/ (git-ignored). See docs/ for details.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"
LAUNCHER=dev/local-run

usage() {
  cat <<'TEXT'
Usage: ./run-local.sh [options]
  --no-build            start from what is already built (no Maven build first)
  --fresh               start with empty data: PostgreSQL, S3, Kafka and the simulated cluster
                        (a plain start keeps the last run's data, the cluster's objects too)
  --services a,b        start only these services (deployment-service, monitoring-service,
                        storage-service, webhook-dispatcher, control-panel)
  --infra-only          start Kafka, PostgreSQL, S3, Prometheus and the cluster only, and write
                        .local/infra.env for a service run with quarkus:dev (docs/operations.md)
  --api-port N          preferred port of the simulated Kubernetes API (default 6443)
  -h, --help            this text
It keeps running in the terminal where you started it (type the other commands in a second one);
Ctrl-C stops everything. Environment variables that point it at your own Kafka, PostgreSQL, S3,
Prometheus or cluster: see the launcher's --help once built, or docs/operations.md.
TEXT
}

build=true
args=()
expect_value=""
for arg in "$@"; do
  if [[ -n "$expect_value" ]]; then
    args+=("$arg"); expect_value=""; continue
  fi
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --no-build) build=false ;;
    --fresh|--infra-only) args+=("$arg") ;;
    --services|--api-port) args+=("$arg"); expect_value="$arg" ;;
    *) echo "run-local.sh: unknown option '$arg' (./run-local.sh --help lists the options)" >&2; exit 2 ;;
  esac
done
if [[ -n "$expect_value" ]]; then
  echo "run-local.sh: $expect_value needs a value (./run-local.sh --help lists the options)" >&2
  exit 2
fi

if ! command -v java >/dev/null 2>&1; then
  echo "run-local.sh: java (JDK 17 or newer) is required on the PATH" >&2
  exit 1
fi

mkdir -p .local/logs
if $build; then
  log=.local/logs/build.log
  echo "Building the services and the launcher (a few minutes the first time; skip with --no-build; full log in $log)"
  # One line per module as Maven reaches it, instead of minutes of silence.
  if ! ./mvnw -B -DskipTests install \
      -pl services/deployment-service,services/monitoring-service,services/storage-service,services/webhook-dispatcher,services/control-panel,$LAUNCHER \
      -am 2>&1 | tee "$log" \
      | awk '/^\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ { step = $NF; $1 = ""; $2 = ""; $NF = ""; $(NF-1) = "";
             gsub(/^ +| +$/, ""); print "  building " step " " $0; fflush() }'; then
    echo "run-local.sh: the build failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "Build done."
fi

jar="$LAUNCHER/target/local-run.jar"
if [[ ! -f "$jar" ]]; then
  echo "run-local.sh: $jar is missing; run without --no-build first" >&2
  exit 1
fi

# exec: the launcher receives Ctrl-C directly and stops the services, S3, Kafka, PostgreSQL and the cluster.
# Two malloc arenas, as for the services (kubernetes/management/common/jvm.env); LOCALRUN_JAVA_OPTIONS come after the
# launcher's own options and win over them (more heap for thousands of apps: LOCALRUN_JAVA_OPTIONS=-Xmx384m).
# shellcheck disable=SC2086 # the options are words
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} exec java @"$LAUNCHER/launcher.jvm-options" ${LOCALRUN_JAVA_OPTIONS:-} \
  -Dlocalrun.root="$ROOT" -jar "$jar" ${args[@]+"${args[@]}"}

#!/usr/bin/env bash
# Runs the whole platform on this machine with nothing but a JDK 17+: a real Kafka broker, PostgreSQL 16,
# an S3 server standing in for MinIO, a SIMULATED 4-node Raspberry Pi k3s cluster (unless KUBECONFIG is set),
# a Prometheus stand-in (unless PROMETHEUS_URL is set), the four services and the control panel on
# http://127.0.0.1:8080. Ctrl-C stops everything.
#
#   ./run-local.sh                 build what is needed, then start
#   ./run-local.sh --no-build      start from what is already built
#   ./run-local.sh --help          launcher options (--services, --infra-only, --api-port)
#
# Data, logs and generated secrets live in .local/ (git-ignored). See docs/ for details.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

if ! command -v java >/dev/null 2>&1; then
  echo "run-local.sh: java (JDK 17 or newer) is required on the PATH" >&2
  exit 1
fi

if $build; then
  echo "Building the services and the launcher (skip with --no-build)..."
  ./mvnw -B -q -DskipTests install \
    -pl services/deployment-service,services/monitoring-service,services/storage-service,services/webhook-dispatcher,services/control-panel,deploy/local-run \
    -am
fi

jar="deploy/local-run/target/local-run.jar"
if [[ ! -f "$jar" ]]; then
  echo "run-local.sh: $jar is missing; run without --no-build first" >&2
  exit 1
fi

mkdir -p .local
# exec: the launcher receives Ctrl-C directly and stops the services, S3, Kafka, PostgreSQL and the cluster.
exec java -XX:+UseSerialGC -Xmx768m -Dlocalrun.root="$ROOT" -jar "$jar" ${args[@]+"${args[@]}"}

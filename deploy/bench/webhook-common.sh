# Sourced by deploy/bench/webhook-*: finds the running dispatcher (or, with START_LOCAL_RUN=1 and nothing on its
# port, starts the local run with the dispatcher only and stops it on exit), its Kafka and an admin token, and runs
# WebhookBench.java with the dispatcher's own kafka-clients jar.
cd "$(dirname "$0")/../.."
DISPATCHER_URL=${DISPATCHER_URL:-http://127.0.0.1:8084}
port=${DISPATCHER_URL##*:}
port=${port%%/*}
app=services/webhook-dispatcher/target/quarkus-app
[ -d "$app/lib/main" ] || { echo "build the dispatcher first: ./mvnw -B -q package -Dmaven.test.skip -pl services/webhook-dispatcher,dev/local-run -am" >&2; exit 1; }

dispatcher_pid() { ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

if [ -z "$(dispatcher_pid)" ] && [ "${START_LOCAL_RUN:-0}" = 1 ]; then
  source deploy/bench/local-run-common.sh
  local_run_for "$DISPATCHER_URL/q/health/ready" ${READY_URL:+"$READY_URL"} -- \
    --services "${LOCAL_RUN_SERVICES:-webhook-dispatcher}"
fi
pid=$(dispatcher_pid)
[ -n "$pid" ] || { echo "no dispatcher listens on port $port: start ./run-local.sh (or set START_LOCAL_RUN=1)" >&2; exit 1; }
export DISPATCHER_URL
export TOKEN=${TOKEN:-$(cat .local/admin-token)}
export KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-$(tr '\0' '\n' < "/proc/$pid/environ" | sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p')}
[ -n "$KAFKA_BOOTSTRAP_SERVERS" ] || { echo "set KAFKA_BOOTSTRAP_SERVERS" >&2; exit 1; }

bench() {
  # allowRestrictedHeaders: the ceiling client without keep-alive sends "Connection: close".
  java -Xmx256m -Djdk.httpclient.allowRestrictedHeaders=connection -cp "$app/lib/main/*" \
    deploy/bench/WebhookBench.java "$@" 2> >(grep --line-buffered -v -E '^(SLF4J|WARNING|org.slf4j)' >&2)
}

#!/usr/bin/env bash
# Local infrastructure without Docker: a real Apache Kafka broker (single-node KRaft) and S3Proxy as the
# S3-compatible store, both on loopback. Everything they keep (jars, data, logs, pid files) lives under $STATE.
# Sourced by ./gan; every function is idempotent.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
# downloaded jars, shared by the local stack and the test stack
LIB=$ROOT/.gan/lib
STATE=${GAN_STATE:-$ROOT/.gan/local}
KAFKA_PORT=${GAN_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${GAN_KAFKA_CONTROLLER_PORT:-19093}
S3_PORT=${GAN_S3_PORT:-19000}
S3_ACCESS_KEY=${GAN_S3_ACCESS_KEY:-ganflow}
S3_SECRET_KEY=${GAN_S3_SECRET_KEY:-ganflow-dev-secret}
KAFKA_CLUSTER_ID=${GAN_KAFKA_CLUSTER_ID:-gAnFlOwLoCaLcLuStEr01w}

log() { printf '[gan] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mkdir -p "$STATE/logs" "$STATE/pids" "$LIB"

# use_test_stack: from here on, every function works on a separate broker and store for the tests, on other ports,
# so that tests never see the runs of ./gan up (nor it theirs).
use_test_stack() {
  STATE=$ROOT/.gan/test
  KAFKA_PORT=29092
  KAFKA_CONTROLLER_PORT=29093
  S3_PORT=29000
  mkdir -p "$STATE/logs" "$STATE/pids"
}

# Fills ${STATE}, ${KAFKA_PORT}, ... in a template.
render() {
  sed -e "s|\${STATE}|$STATE|g" -e "s|\${KAFKA_PORT}|$KAFKA_PORT|g" \
      -e "s|\${KAFKA_CONTROLLER_PORT}|$KAFKA_CONTROLLER_PORT|g" -e "s|\${S3_PORT}|$S3_PORT|g" \
      -e "s|\${S3_ACCESS_KEY}|$S3_ACCESS_KEY|g" -e "s|\${S3_SECRET_KEY}|$S3_SECRET_KEY|g" "$1" > "$2"
}

# fetch_lib NAME: copies the runtime of infra/pom.xml's profile NAME from Maven Central into $LIB/NAME, once.
fetch_lib() {
  local name=$1
  [ -f "$LIB/$name/.complete" ] && return
  log "fetching $name from Maven Central into $LIB/$name"
  rm -rf "${LIB:?}/$name"
  "$ROOT/mvnw" -q -B -f "$ROOT/infra/pom.xml" -P"$name" dependency:copy-dependencies \
    -DoutputDirectory="$LIB/$name" -DincludeScope=runtime || die "could not fetch $name"
  touch "$LIB/$name/.complete"
}

fetch_infra_libs() {
  fetch_lib kafka
  fetch_lib s3proxy
}

pid_alive() { [ -f "$STATE/pids/$1.pid" ] && kill -0 "$(cat "$STATE/pids/$1.pid")" 2>/dev/null; }

# wait_for_log NAME PATTERN SECONDS
wait_for_log() {
  local name=$1 pattern=$2 seconds=$3
  for _ in $(seq "$seconds"); do
    grep -q "$pattern" "$STATE/logs/$name.log" 2>/dev/null && return 0
    pid_alive "$name" || die "$name exited during start-up; see $STATE/logs/$name.log"
    sleep 1
  done
  die "$name did not become ready in ${seconds}s; see $STATE/logs/$name.log"
}

# start_process NAME COMMAND...: runs COMMAND in the background with its log and pid file under $STATE.
start_process() {
  local name=$1; shift
  : > "$STATE/logs/$name.log"
  nohup "$@" >> "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name.pid"
}

start_kafka() {
  if pid_alive kafka; then log "kafka already runs on 127.0.0.1:$KAFKA_PORT"; return; fi
  mkdir -p "$STATE/kafka/data"
  render "$ROOT/infra/kafka-server.properties" "$STATE/kafka/server.properties"
  local cp="$LIB/kafka/*"
  if [ ! -f "$STATE/kafka/data/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$STATE/kafka/server.properties" \
      > "$STATE/logs/kafka-format.log" 2>&1 || die "formatting Kafka storage failed; see $STATE/logs/kafka-format.log"
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  start_process kafka java -Xmx512m \
    -Dlog4j2.configurationFile="$ROOT/infra/kafka-log4j2.yaml" -cp "$cp" kafka.Kafka "$STATE/kafka/server.properties"
  wait_for_log kafka "Kafka Server started" 90
}

start_s3() {
  if pid_alive s3proxy; then log "s3proxy already runs on 127.0.0.1:$S3_PORT"; return; fi
  mkdir -p "$STATE/s3/data"
  render "$ROOT/infra/s3proxy.properties" "$STATE/s3/s3proxy.properties"
  log "starting s3proxy on 127.0.0.1:$S3_PORT"
  start_process s3proxy java -Xmx256m -jar "$(ls "$LIB"/s3proxy/s3proxy-*.jar | head -1)" \
    --properties "$STATE/s3/s3proxy.properties"
  wait_for_log s3proxy "Started ServerConnector" 60
}

infra_up() {
  fetch_infra_libs
  start_kafka
  start_s3
}

# stop_process NAME [SECONDS]: SIGTERM, then SIGKILL (to it and its children) if it has not ended in SECONDS (30).
stop_process() {
  local name=$1 seconds=${2:-30}
  if pid_alive "$name"; then
    local pid; pid=$(cat "$STATE/pids/$name.pid")
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq "$seconds"); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop within ${seconds}s; killing it"
      pkill -KILL -P "$pid" 2>/dev/null || true
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$STATE/pids/$name.pid"
}

# The environment every service and test reads to find the local infrastructure.
export_infra_env() {
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
  export GAN_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
  export GAN_S3_ACCESS_KEY="$S3_ACCESS_KEY"
  export GAN_S3_SECRET_KEY="$S3_SECRET_KEY"
}

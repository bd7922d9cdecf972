#!/usr/bin/env bash
# The five services as local processes, and the ./gan commands built on them. Sourced by ./gan after local.sh.

SERVICES=(dataset-service trainer-service sampler-service evaluator-service gateway)
declare -A SERVICE_PORT=([gateway]=8080 [dataset-service]=8081 [trainer-service]=8082 [sampler-service]=8083 [evaluator-service]=8084)
GATEWAY_URL="http://127.0.0.1:${SERVICE_PORT[gateway]}"
# as long as the deploy files' terminationGracePeriodSeconds: covers the trainer's hand-over (30 s) with room
GRACE_SECONDS=60
FASHION_MNIST_DIR=${GAN_FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}

ensure_fashion_mnist() {
  [ -f "$FASHION_MNIST_DIR/train-images-idx3-ubyte.gz" ] && return
  log "Fashion-MNIST is not in $FASHION_MNIST_DIR; installing the Debian package dataset-fashion-mnist"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq dataset-fashion-mnist) >> "$STATE/logs/apt.log" 2>&1 \
      || die "could not install dataset-fashion-mnist; see $STATE/logs/apt.log"
  elif sudo -n true 2>/dev/null; then
    (sudo apt-get update -qq && sudo apt-get install -y -qq dataset-fashion-mnist) >> "$STATE/logs/apt.log" 2>&1 \
      || die "could not install dataset-fashion-mnist; see $STATE/logs/apt.log"
  else
    die "Fashion-MNIST is missing. Run: sudo apt-get install dataset-fashion-mnist (or set GAN_FASHION_MNIST_DIR)"
  fi
}

# The browser test (e2e-tests) drives Debian's chromium through chromedriver.
ensure_chromium() {
  command -v chromedriver > /dev/null && [ -x "${GAN_CHROMIUM:-/usr/bin/chromium}" ] && return
  log "chromium or chromedriver is missing; installing the Debian packages chromium and chromium-driver"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >> "$STATE/logs/apt.log" 2>&1 \
      || die "could not install chromium; see $STATE/logs/apt.log"
  elif sudo -n true 2>/dev/null; then
    (sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver) >> "$STATE/logs/apt.log" 2>&1 \
      || die "could not install chromium; see $STATE/logs/apt.log"
  else
    die "the browser test needs chromium. Run: sudo apt-get install chromium chromium-driver"
  fi
}

service_jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

needs_build() {
  local name jar
  for name in "${SERVICES[@]}"; do
    jar=$(service_jar "$name")
    [ -f "$jar" ] || return 0
    [ -n "$(find "$ROOT" -path "$ROOT/.gan" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
      -newer "$jar" -print -quit)" ] && return 0
  done
  return 1
}

build_services() {
  log "building (./mvnw package -DskipTests); the first build downloads dependencies and takes a few minutes"
  "$ROOT/mvnw" -q -B package -DskipTests > "$STATE/logs/build.log" 2>&1 \
    || { tail -n 40 "$STATE/logs/build.log" >&2; die "build failed; see $STATE/logs/build.log"; }
}

# The last ERROR line of a service's log (the one line that says why it could not start), or nothing.
last_error() {
  local line
  line=$(grep -E ' ERROR ' "$STATE/logs/$1.log" 2>/dev/null | tail -n 1 | cut -c1-2000)
  if [ -n "$line" ]; then printf '%s\n  ' "$line"; fi
}

wait_for_ready() {
  local name=$1 port=$2
  for _ in $(seq 180); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && return 0
    pid_alive "$name" || die "$name exited during start-up: $(last_error "$name")see $STATE/logs/$name.log"
    sleep 1
  done
  die "$name was not ready after 180s; see $STATE/logs/$name.log"
}

# The local gateway's API keys: made once, kept in $STATE/api-keys.env (git-ignored); the environment's
# GAN_OPERATOR_KEYS / GAN_READER_KEYS win. OPERATOR_KEY is the one ./gan's own calls use.
ensure_api_keys() {
  local file="$STATE/api-keys.env"
  if [ ! -f "$file" ]; then
    (umask 077 && printf 'GAN_OPERATOR_KEYS=op-%s\nGAN_READER_KEYS=read-%s\n' "$(random_key)" "$(random_key)" > "$file")
  fi
  : "${GAN_OPERATOR_KEYS:=$(sed -n 's/^GAN_OPERATOR_KEYS=//p' "$file")}"
  : "${GAN_READER_KEYS:=$(sed -n 's/^GAN_READER_KEYS=//p' "$file")}"
  export GAN_OPERATOR_KEYS GAN_READER_KEYS
  OPERATOR_KEY=${GAN_OPERATOR_KEYS%%,*}
  READER_KEY=${GAN_READER_KEYS%%,*}
  # curl reads the key from a file (-H @file), so that it never shows on a command line (ps)
  OPERATOR_HEADER="$STATE/operator-key.header"
  (umask 077 && printf 'X-API-Key: %s\n' "$OPERATOR_KEY" > "$OPERATOR_HEADER")
}

random_key() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }

# GAN_TRAINERS=N: N trainers in one consumer group, so that runs (a study's trials) train at once; the first is
# trainer-service on 8082, the others trainer-service-2, -3, ... on 8182, 8282, ...
extra_trainers() {
  local i
  for ((i = 2; i <= ${GAN_TRAINERS:-1}; i++)); do echo "trainer-service-$i $((8082 + 100 * (i - 1)))"; done
}

# The extra trainers now running (their pid files), whatever GAN_TRAINERS says now.
running_extra_trainers() {
  local pidfile
  for pidfile in "$STATE"/pids/trainer-service-*.pid; do
    [ -e "$pidfile" ] && basename "$pidfile" .pid
  done
}

# start_service NAME [PORT MODULE]: a service, or another copy of one (an extra trainer) under a name of its own
start_service() {
  local name=$1 port=${2:-${SERVICE_PORT[$1]}} module=${3:-$1}
  if pid_alive "$name"; then log "$name already runs on port $port"; return; fi
  log "starting $name on port $port"
  # temporary files (synthetic data sets on their way to the store) stay with the rest of the local state
  mkdir -p "$STATE/tmp"
  # supervised: a service that ends on its own is started again (infra/supervise.sh)
  start_process "$name" "$ROOT/infra/supervise.sh" "$name" java -Xmx1g -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Djava.io.tmpdir="$STATE/tmp" \
    -Dganflow.fashion-mnist.directory="$FASHION_MNIST_DIR" -jar "$(service_jar "$module")"
}

gan_up() {
  ensure_fashion_mnist
  ensure_api_keys
  if needs_build; then build_services; fi
  infra_up
  export_infra_env
  local name
  for name in "${SERVICES[@]}"; do start_service "$name"; done
  local extra port
  while read -r extra port; do [ -n "$extra" ] && start_service "$extra" "$port" trainer-service; done < <(extra_trainers)
  for name in "${SERVICES[@]}"; do wait_for_ready "$name" "${SERVICE_PORT[$name]}"; done
  while read -r extra port; do [ -n "$extra" ] && wait_for_ready "$extra" "$port"; done < <(extra_trainers)
  if [ "${GAN_RUN:-1}" = 0 ]; then
    # GAN_RUN=0: the stack alone, no default run (for studies and benchmarks that start their own)
    printf '\n  ganflow is up. Web UI: %s/#key=%s\n  Logs: %s/logs   Stop everything: ./gan down\n\n' \
      "$GATEWAY_URL" "$OPERATOR_KEY" "$STATE"
    return 0
  fi
  local run_id=""
  if [ $# -eq 0 ]; then
    # one default run at a time: follow an unfinished one instead of queueing another behind it (not a reference
    # classifier the evaluator started)
    sleep 2 # the gateway rebuilds its view of the runs from Kafka as it starts
    run_id=$(curl -fsS -H @"$OPERATOR_HEADER" "$GATEWAY_URL/api/v1/runs" | grep -oE '"runId":"[^"]+","state":"(PENDING|RUNNING)"' \
      | grep -v '"runId":"classifier-' | head -1 | sed -E 's/"runId":"([^"]+)".*/\1/' || true)
  fi
  local verb="Following unfinished"
  if [ -z "$run_id" ]; then
    local run
    run=$(curl -fsS -X POST -H 'Content-Type: application/json' -H @"$OPERATOR_HEADER" -d "${1:-{\}}" "$GATEWAY_URL/api/v1/runs") \
      || die "the gateway refused to start the run"
    run_id=$(sed -E 's/.*"runId":"([^"]+)".*/\1/' <<< "$run")
    verb="Started"
  fi
  cat <<MSG

  ganflow is up. Web UI: $GATEWAY_URL/#key=$OPERATOR_KEY
  API keys (from $STATE/api-keys.env): operator $OPERATOR_KEY, read-only $READER_KEY
  $verb run $run_id.
  Its latest sample grid: $GATEWAY_URL/api/v1/runs/$run_id/grid
  Logs: $STATE/logs   Stop everything: ./gan down   (Ctrl-C here only stops following the progress)

MSG
  # GAN_FOLLOW=0: return once the run is started (for scripts)
  [ "${GAN_FOLLOW:-1}" = 1 ] || return 0
  tail -n 0 -F "$STATE/logs/trainer-service.log" | grep --line-buffered -E "run=$run_id "
}

# Uploads a folder of class folders (PNG/JPEG) as a data set, through the gateway like any client.
gan_dataset() {
  local name=${1:-} folder=${2:-} side=${3:-32} channels=${4:-3}
  [ -n "$name" ] && [ -d "$folder" ] || die "usage: ./gan dataset NAME FOLDER [SIDE=32] [CHANNELS=3]"
  local archive="$STATE/tmp/$name.zip"
  mkdir -p "$STATE/tmp" && rm -f "$archive"
  jar --create --no-manifest --file "$archive" -C "$folder" . || die "could not pack $folder"
  ensure_api_keys
  curl -sS -X PUT -H 'Content-Type: application/zip' -H @"$OPERATOR_HEADER" --data-binary "@$archive" \
    "$GATEWAY_URL/api/v1/datasets/$name?side=$side&channels=$channels"
  echo
  rm -f "$archive"
}

# Services stop as Kubernetes stops them: SIGTERM, then their graceful shutdown (the trainer checkpoints every run
# it holds and leaves its group; the others finish requests in flight), within the grace period.
gan_down() {
  local name
  for name in gateway evaluator-service sampler-service $(running_extra_trainers) trainer-service dataset-service; do
    stop_process "$name" "$GRACE_SECONDS"
  done
  for name in s3proxy kafka; do stop_process "$name"; done
}

gan_status() {
  local name port
  for name in kafka s3proxy "${SERVICES[@]}" $(running_extra_trainers); do
    if pid_alive "$name"; then
      port=${SERVICE_PORT[$name]:-}
      [[ $name == trainer-service-* ]] && port=$((8082 + 100 * (${name#trainer-service-} - 1)))
      case "$name" in kafka) port=$KAFKA_PORT ;; s3proxy) port=$S3_PORT ;; esac
      printf '%-16s running  pid %-7s port %s\n' "$name" "$(cat "$STATE/pids/$name.pid")" "$port"
    else
      printf '%-16s stopped\n' "$name"
    fi
  done
}

# The deploy tests render k8s/ with kubectl's kustomize. Debian's kubectl is too old, so it cannot be installed here:
# machines of this kind come with one.
ensure_kubectl() {
  command -v "${GAN_KUBECTL:-kubectl}" > /dev/null && return
  die "the deploy tests need kubectl (1.21 or newer, for kustomize) on the PATH, or its path in GAN_KUBECTL"
}

# ./gan test [fast] [maven arguments]: everything (CI), or the fast tier for the inner loop: unit and @QuarkusTest
# tests without the end-to-end ones and without those tagged "slow"
gan_test() {
  ensure_fashion_mnist
  if [ "${1:-}" = fast ]; then
    shift
    verify_on_test_stack -Pfast "$@"
    return
  fi
  ensure_chromium
  ensure_kubectl
  verify_on_test_stack "$@"
}

# ./mvnw verify "$@" against a clean broker and store of its own (ports 29092/29000)
verify_on_test_stack() {
  use_test_stack
  # a clean broker and store for every test run
  stop_process kafka
  stop_process s3proxy
  rm -rf "$STATE/kafka" "$STATE/s3"
  trap 'stop_process kafka; stop_process s3proxy' EXIT
  infra_up
  export_infra_env
  export GAN_FASHION_MNIST_DIR="$FASHION_MNIST_DIR"
  # two modules at a time: their tests wait on the broker, the store and each other's processes as much as they
  # compute, and each keeps to its own buckets and consumer groups; e2e-tests waits for every service it runs
  "$ROOT/mvnw" -B -T 2 verify "$@"
}

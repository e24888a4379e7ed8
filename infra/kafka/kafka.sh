#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, broker+controller in one process) for one machine,
# resolved from Maven Central by the infra module. No Docker needed.
#   infra/kafka/kafka.sh start|stop|status|topics
#   infra/kafka/kafka.sh roundtrip [pause-ms] [records]   times bare producer -> consumer round
#     trips through the running broker, one record every pause-ms (100, 200 records)
# Environment: GENESIS_HOME (state folder, default <repo>/.genesis), KAFKA_PORT (9092),
# KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP (256m), KAFKA_JVM_OPTS (-XX:+UseSerialGC),
# KAFKA_NET_THREADS (1) and KAFKA_IO_THREADS (2): one small host's broker. Against 2 and 4, two
# stack starts each way, alternating: the broker's CPU 4,090-4,890 -> 3,900-4,010 ms over a
# throughput and traces run, seismology 6.1-6.8 -> 5.0-5.4 x bound, noop throughput within noise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${GENESIS_HOME:-$ROOT/.genesis}"
KAFKA_DIR="$HOME_DIR/kafka"
LIBS="$ROOT/infra/target/kafka-libs"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
PID_FILE="$KAFKA_DIR/kafka.pid"
LOG_FILE="$KAFKA_DIR/kafka.log"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

say() { printf 'kafka: %s\n' "$*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

ensure_libs() {
  if [[ ! -d "$LIBS" ]] || ! ls "$LIBS"/kafka_2.13-*.jar >/dev/null 2>&1 || [[ ! -f "$ROOT/infra/target/classes/dev/genesis/infra/kafka/TopicSetup.class" ]]; then
    say "resolving the broker from Maven Central (first run only)"
    (cd "$ROOT" && ./mvnw -q -B -pl infra -am package -DskipTests)
  fi
}

write_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=2097152
log.retention.hours=24
log.segment.bytes=67108864
num.network.threads=${KAFKA_NET_THREADS:-1}
num.io.threads=${KAFKA_IO_THREADS:-2}
PROPS
}

start() {
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on localhost:$PORT"
    return 0
  fi
  if port_open "$PORT"; then
    say "something else already listens on port $PORT; using it as the broker"
    return 0
  fi
  ensure_libs
  write_config
  local cp="$LIBS/*"
  # Serial, not G1: on a small shared host G1's concurrent threads cost more than its pauses save.
  # Two stack starts each way, alternating (throughput and traces after the same warm-up): the
  # broker's CPU 5,160-6,300 -> 4,450-4,710 ms, noop throughput 1,033-1,093 -> 1,285-1,292 tasks/s.
  local gc
  read -r -a gc <<<"${KAFKA_JVM_OPTS:--XX:+UseSerialGC}"
  local jvm=(-Xms128m "-Xmx${KAFKA_HEAP:-256m}" "${gc[@]}" -Djava.awt.headless=true
             "-Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.properties")
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    local cluster
    cluster="$("$JAVA" -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    "$JAVA" -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster" \
      -c "$KAFKA_DIR/server.properties" >"$KAFKA_DIR/format.log" 2>&1
  fi
  : >"$LOG_FILE"
  nohup "$JAVA" -cp "$cp" "${jvm[@]}" kafka.Kafka "$KAFKA_DIR/server.properties" >>"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + 90))
  until grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null; do
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      say "the broker exited at start; last lines of $LOG_FILE:"; tail -n 30 "$LOG_FILE"; return 1
    fi
    if (( SECONDS > deadline )); then
      say "the broker did not start within 90 s; see $LOG_FILE"; return 1
    fi
    sleep 0.2
  done
  topics
  say "started (pid $(cat "$PID_FILE")) on localhost:$PORT"
}

# Runs one of the infra module's tools (dev.genesis.infra.kafka.NAME) against this broker.
tool() {
  local name="$1"; shift
  ensure_libs
  "$JAVA" -cp "$LIBS/*:$ROOT/infra/target/classes" \
    "-Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.properties" \
    "dev.genesis.infra.kafka.$name" "localhost:$PORT" "$@" | sed 's/^/kafka: /'
}

topics() {
  tool TopicSetup
}

roundtrip() {
  port_open "$PORT" || { say "no broker on localhost:$PORT (start one: $0 start)"; return 3; }
  tool RoundTrip "${1:-100}" "${2:-200}"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after 20 s; killing pid $pid"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  if pid="$(running_pid)"; then
    say "running (pid $pid) on localhost:$PORT"
  elif port_open "$PORT"; then
    say "a broker not started by Genesis listens on localhost:$PORT"
  else
    say "not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  topics) topics ;;
  roundtrip) shift; roundtrip "$@" ;;
  *) echo "usage: $0 start|stop|status|topics|roundtrip [pause-ms] [records]" >&2; exit 2 ;;
esac

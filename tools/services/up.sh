#!/usr/bin/env bash
# Starts the local services for development and tests, without Docker (idempotent):
#   - a single-node KRaft Apache Kafka broker, jars fetched from Maven Central into a cache;
#   - the `contingency` and `contingency_test` databases on the machine's PostgreSQL;
# then writes $LOCAL_DIR/services.env. See tools/services/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LOCAL_DIR=${LOCAL_DIR:-$REPO/.local}
mkdir -p "$LOCAL_DIR"
LOCAL_DIR=$(cd "$LOCAL_DIR" && pwd) # absolute: down.sh matches it in the broker's command line

POM=$HERE/kafka/pom.xml
# Single source of truth for the default version: the pom.
KAFKA_VERSION=${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
READY_TIMEOUT=90

KDIR=$LOCAL_DIR/kafka
DATA=$KDIR/data
PIDFILE=$KDIR/kafka.pid
BROKERS=127.0.0.1:$KAFKA_PORT
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# True if $1 is a live broker started from this state dir (guards against a reused pid).
is_our_broker() {
  [[ $1 =~ ^[0-9]+$ && -r /proc/$1/cmdline ]] &&
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "kafka.Kafka $KDIR/server.properties"
}

# Process exists and is not a zombie (PID 1 here does not reap orphans).
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }

# Runs a Kafka CLI class with a small, quick-starting JVM.
kafka_tool() {
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$LIB/*" "$@"
}

# ---- 1. Jars: one cache dir per Kafka version + pom content, so a bump refetches.
command -v "$JAVA" >/dev/null || die "java not found (Kafka 4.x needs Java 17+)"
mkdir -p "$KDIR/lib" "$KDIR/logs"
# Parallel callers (e.g. several test targets) wait here instead of starting two brokers.
exec 9>"$KDIR/up.lock"
flock 9
LIB=$KDIR/lib/$KAFKA_VERSION-$(sha256sum "$POM" | cut -c1-8)
if [[ ! -f $LIB/.complete ]]; then
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIB ..."
  rm -rf "$LIB.tmp"
  t0=$SECONDS
  # mvn output (errors only, with -q) goes to a file: stdout is kept for the summary.
  mvn -B -q -f "$POM" -Dkafka.version="$KAFKA_VERSION" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" >"$KDIR/mvn.out" 2>&1 ||
    { cat "$KDIR/mvn.out" >&2; die "mvn could not fetch Kafka $KAFKA_VERSION (is the version on Maven Central?)"; }
  touch "$LIB.tmp/.complete"
  mv "$LIB.tmp" "$LIB"
  log "fetched $(find "$LIB" -name '*.jar' | wc -l) jars in $((SECONDS - t0)) s"
fi
ln -sfn "$(basename "$LIB")" "$KDIR/lib/current" # kafka-perf.sh uses the same jars

# ---- 2. Broker config, storage format, start.
cat >"$KDIR/server.properties" <<EOF
# Written by tools/services/up.sh on every run; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
num.partitions=6
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
# One node: internal topics default to RF 3, which leaves groups/transactions without a coordinator.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
EOF
# Short timeouts so a readiness probe fails fast instead of retrying for a minute.
printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=8000\n' >"$KDIR/client.properties"

pid=$(cat "$PIDFILE" 2>/dev/null || true)
if is_our_broker "$pid"; then
  log "Kafka already running (pid $pid)"
  grep -qF "$LIB/*" "/proc/$pid/cmdline" ||
    log "note: the running broker uses other jars than $KAFKA_VERSION; run down.sh then up.sh to switch"
else
  rm -f "$PIDFILE"
  if [[ ! -f $DATA/meta.properties ]]; then
    cluster_id=$(kafka_tool kafka.tools.StorageTool random-uuid)
    log "formatting $DATA (cluster id $cluster_id)"
    kafka_tool kafka.tools.StorageTool format --standalone --ignore-formatted \
      -t "$cluster_id" -c "$KDIR/server.properties" >"$KDIR/format.out" 2>&1 ||
      { cat "$KDIR/format.out" >&2; die "formatting $DATA failed"; }
  fi
  log "starting Kafka $KAFKA_VERSION on $BROKERS (log: $KDIR/logs/server.log)"
  # setsid: own session, so the broker outlives the shell/CI step that started it.
  # 9>&-: the broker must not inherit (and hold forever) the lock.
  nohup setsid "$JAVA" -Xms512m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" -Dkafka.logs.dir="$KDIR/logs" \
    -cp "$LIB/*" kafka.Kafka "$KDIR/server.properties" >"$KDIR/kafka.out" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
fi

# ---- 3. Readiness: a real admin call, not just an open port.
t0=$SECONDS
broker_failed() {
  log "last lines of $KDIR/logs/server.log:"
  tail -n 30 "$KDIR/logs/server.log" >&2 2>/dev/null || true
  log "last lines of $KDIR/kafka.out:"
  tail -n 15 "$KDIR/kafka.out" >&2 2>/dev/null || true
  die "$1"
}
until (: <"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null &&
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BROKERS" \
    --command-config "$KDIR/client.properties" --list >/dev/null 2>&1; do
  # Not is_our_broker: right after the start, nohup/setsid may not have exec'd java yet.
  alive "$pid" || broker_failed "Kafka (pid $pid) exited during startup"
  ((SECONDS - t0 < READY_TIMEOUT)) || broker_failed "Kafka not ready on $BROKERS after ${READY_TIMEOUT} s"
  sleep 1
done
log "Kafka ready on $BROKERS after $((SECONDS - t0)) s"

# ---- 4. PostgreSQL databases.
pg() { PGCONNECT_TIMEOUT=5 psql "$PG_ADMIN_URL" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
if ! pg -c 'select 1' >/dev/null 2>&1; then
  clusters=(/etc/postgresql/*/main)
  ver=$(basename "$(dirname "${clusters[-1]}")")
  start_cmd="pg_ctlcluster --skip-systemctl-redirect $ver main start"
  log "PostgreSQL is not reachable at $PG_ADMIN_URL; start it with: $start_cmd"
  if [[ $(id -u) == 0 && -d ${clusters[-1]} ]] && command -v pg_ctlcluster >/dev/null; then
    log "running as root: trying '$start_cmd' once"
    $start_cmd >&2 || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do pg -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  fi
  pg -c 'select 1' >/dev/null || die "PostgreSQL still not reachable at $PG_ADMIN_URL"
fi
for db in contingency contingency_test; do
  pg <<<"SELECT 'CREATE DATABASE $db' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db')
\\gexec" >&2
done

# ---- 5. Env file for apps and tests. Database URLs reuse PG_ADMIN_URL's server and user.
pg_base=${PG_ADMIN_URL%%\?*}
pg_base=${pg_base%/*}
cat >"$LOCAL_DIR/services.env.tmp" <<EOF
KAFKA_BROKERS=$BROKERS
DATABASE_URL=$pg_base/contingency
TEST_DATABASE_URL=$pg_base/contingency_test
EOF
mv "$LOCAL_DIR/services.env.tmp" "$LOCAL_DIR/services.env"

cat <<EOF
Kafka $KAFKA_VERSION   $BROKERS  (pid $pid, log $KDIR/logs/server.log)
PostgreSQL     $pg_base  databases contingency, contingency_test
Env file       $LOCAL_DIR/services.env  (stop with tools/services/down.sh)
EOF

#!/usr/bin/env bash
# Stops what tools/services/up.sh started: the Kafka broker, by its pid file only.
# Data and databases stay; --purge also deletes the Kafka data (next up.sh formats afresh).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL_DIR=${LOCAL_DIR:-$REPO/.local}
[[ -d $LOCAL_DIR ]] && LOCAL_DIR=$(cd "$LOCAL_DIR" && pwd)
KDIR=$LOCAL_DIR/kafka
PIDFILE=$KDIR/kafka.pid

purge=false
case "${1:-}" in
  --purge) purge=true ;;
  "") ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

log() { printf '[services] %s\n' "$*" >&2; }

# Same check as up.sh: only signal a live broker started from this state dir (pids get reused).
is_our_broker() {
  [[ $1 =~ ^[0-9]+$ && -r /proc/$1/cmdline ]] &&
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "kafka.Kafka $KDIR/server.properties"
}

pid=$(cat "$PIDFILE" 2>/dev/null || true)
if is_our_broker "$pid"; then
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 60); do is_our_broker "$pid" || break; sleep 0.5; done
  if is_our_broker "$pid"; then
    log "Kafka still running after 30 s: SIGKILL"
    kill -KILL "$pid"
    sleep 1
  fi
  log "Kafka stopped"
else
  log "Kafka not running${pid:+ (stale pid file: $pid)}"
fi
rm -f "$PIDFILE"

if $purge; then
  log "purging $KDIR/data"
  rm -rf "$KDIR/data"
fi

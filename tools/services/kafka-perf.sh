#!/usr/bin/env bash
# Runs Kafka's own producer perf tool against the broker from up.sh and prints ONE line of
# JSON on stdout; everything else goes to stderr.
#   kafka-perf.sh --topic T --num-records N --record-size BYTES [--acks all|1|0] [--linger-ms 5]
#                 [--throughput -1] [--partitions 6]
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL_DIR=${LOCAL_DIR:-$REPO/.local}
LIB=$LOCAL_DIR/kafka/lib/current
BROKERS=${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

die() { printf '[kafka-perf] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,5p' "$0" >&2; exit 2; }

topic="" records="" size="" acks=all linger=5 throughput=-1 partitions=6
while (($#)); do
  [[ $# -ge 2 ]] || usage
  case "$1" in
    --topic) topic=$2 ;;
    --num-records) records=$2 ;;
    --record-size) size=$2 ;;
    --acks) acks=$2 ;;
    --linger-ms) linger=$2 ;;
    --throughput) throughput=$2 ;;
    --partitions) partitions=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[[ -n $topic && $records =~ ^[0-9]+$ && $size =~ ^[0-9]+$ ]] || usage
[[ -d $LIB ]] || die "no Kafka jars in $LIB: run tools/services/up.sh first"

tool() { "$JAVA" -Duser.language=en -Duser.country=US -cp "$LIB/*" "$@"; }

tool -Xmx256m -XX:TieredStopAtLevel=1 org.apache.kafka.tools.TopicCommand --bootstrap-server "$BROKERS" \
  --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1 >&2

# --producer-props is deprecated since 4.2 (--command-property) but the only spelling in 4.0/4.1.
props_flag=--command-property
[[ $(readlink "$LIB") == 4.[01].* ]] && props_flag=--producer-props

# Progress goes live to stderr; a copy is kept to parse (not `tee /dev/stderr`: that would
# reopen and truncate a stderr redirected to a file).
out=$(mktemp)
trap 'rm -f "$out"' EXIT
tool -Xmx512m org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
  --num-records "$records" --record-size "$size" --throughput "$throughput" \
  "$props_flag" bootstrap.servers="$BROKERS" acks="$acks" linger.ms="$linger" 2>&1 | tee "$out" >&2

# Final summary line, e.g. "100000 records sent, 41580.0 records/sec (20.30 MB/sec),
# 519.28 ms avg latency, 1014.00 ms max latency, 520 ms 50th, ..." (progress lines lack "50th").
num='([0-9]+(\.[0-9]+)?)'
re="^([0-9]+) records sent, $num records/sec \($num MB/sec\), $num ms avg latency, $num ms max latency, .*50th"
line=$(grep -E "$re" "$out" | tail -n 1) || die "no summary line in the perf tool's output"
[[ $line =~ $re ]]
m=("${BASH_REMATCH[@]}")
printf '{"tool":"kafka-producer-perf-test","records":%s,"recordSize":%s,"recordsPerSec":%s,"mbPerSec":%s,"avgLatencyMs":%s,"maxLatencyMs":%s}\n' \
  "${m[1]}" "$size" "${m[2]}" "${m[4]}" "${m[6]}" "${m[8]}"

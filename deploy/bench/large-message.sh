#!/usr/bin/env bash
# Heap while a large message streams in: starts Inlet (deploy/target/inlet.jar, or --jar FILE) with a
# small fixed heap (-Xmx, default 40m: smaller than the message), one rule storing mail to the
# embedded S3 backend, then sends one message of --mb MB (default 50) over SMTP and waits for its S3
# object. Meanwhile jstat samples the heap every 100 ms. Prints the live heap before (after a full
# GC), the highest heap use sampled during the transfer (garbage included), and the live heap after.
# A daemon that held the message in memory would run out of heap (reported as FAILED); a flat heap
# shows as a peak far below the message size.
#
# Only loopback is used; every process started is stopped on exit. Needs java (with jcmd, jstat),
# python3 and the AWS CLI. Reports figures; exits non-zero only when the check itself cannot run or
# the message is not stored.
#
# Usage: deploy/bench/large-message.sh [--jar FILE] [--mb N] [--xmx SIZE]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY="$HERE/smtpbench.py"
JAR="$ROOT/deploy/target/inlet.jar"
MB=50
XMX=40m
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift ;;
    --mb) MB=$2; shift ;;
    --xmx) XMX=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR" ] || { echo "no $JAR: build first (mvn -B -q package -DskipTests)" >&2; exit 1; }

WORK=$(mktemp -d /var/tmp/inlet-large.XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

read -r P_API P_SMTP < <(python3 "$PY" freeport 2 | tr '\n' ' '; echo)
KEY=AKIDINLETLARGE SECRET=inlet-large-secret-key
env INLET_SMTP_HOST=127.0.0.1 INLET_ACCESS_KEY_ID=$KEY INLET_SECRET_ACCESS_KEY=$SECRET \
    INLET_ACTIONS_S3_BUCKETS=big INLET_DNS_RESOLVERS=127.0.0.1:9 INLET_DNS_TIMEOUT=100ms \
    INLET_SMTP_MAX_MESSAGE_SIZE=$((MB + 10))MB \
    java "-Xmx$XMX" -XX:+ExitOnOutOfMemoryError -jar "$JAR" serve --data-dir "$WORK/data" \
    --api-port "$P_API" --smtp-port "$P_SMTP" >"$WORK/inlet.log" 2>&1 &
PID=$!
PIDS+=("$PID")
for _ in $(seq 1 1200); do
  grep -q "Inlet ready:" "$WORK/inlet.log" 2>/dev/null && break
  kill -0 "$PID" 2>/dev/null || { echo "Inlet exited at start: $(tail -5 "$WORK/inlet.log")" >&2; exit 1; }
  sleep 0.1
done
(
  export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
  unset AWS_PROFILE AWS_SESSION_TOKEN
  ep=(--endpoint-url "http://127.0.0.1:$P_API" --region us-east-1)
  aws ses verify-domain-identity --domain large.test "${ep[@]}" >/dev/null
  aws ses create-receipt-rule-set --rule-set-name large "${ep[@]}" >/dev/null
  aws ses create-receipt-rule --rule-set-name large "${ep[@]}" --rule \
    '{"Name":"store","Enabled":true,"Recipients":["large.test"],"Actions":[{"S3Action":{"BucketName":"big","ObjectKeyPrefix":"in/"}}]}' >/dev/null
  aws ses set-active-receipt-rule-set --rule-set-name large "${ep[@]}" >/dev/null
)
python3 "$PY" wait-accept "$P_SMTP" x@large.test 30

live_heap_kb() {  # full GC, then the used heap in KB
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print v; exit } }'
}
BEFORE=$(live_heap_kb)
jstat -gc "$PID" 100 >"$WORK/jstat.txt" 2>/dev/null &
PIDS+=("$!")

python3 - "$P_SMTP" "$MB" <<'EOF'
import smtplib, sys
port, mb = int(sys.argv[1]), int(sys.argv[2])
line = b"x" * 998 + b"\r\n"
body = b"From: <big@client.test>\r\nTo: <x@large.test>\r\nSubject: large\r\n\r\n" + line * (mb * 1024 * 1024 // len(line))
with smtplib.SMTP("127.0.0.1", port, timeout=600) as s:
    s.ehlo("client.test")
    s.sendmail("big@client.test", ["x@large.test"], body)
print(f"sent {len(body) / 1048576:.1f} MiB")
EOF
for _ in $(seq 1 1200); do
  ls "$WORK/data/s3/big/in/" 2>/dev/null | grep -vq AMAZON_SES_SETUP_NOTIFICATION && break
  kill -0 "$PID" 2>/dev/null || { echo "FAILED: Inlet died (see heap): $(tail -3 "$WORK/inlet.log")" >&2; exit 1; }
  sleep 0.1
done
STORED=$(find "$WORK/data/s3/big/in" -type f ! -name AMAZON_SES_SETUP_NOTIFICATION -printf '%s\n' | head -1)
[ -n "$STORED" ] || { echo "FAILED: the message was not stored" >&2; exit 1; }
AFTER=$(live_heap_kb)
# jstat -gc columns: S0U S1U EU OU are used survivor/eden/old space in KB (columns 3 4 6 8)
PEAK=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = $3 + $4 + $6 + $8; if (u > m) m = u } END { printf "%d", m }' "$WORK/jstat.txt")
printf 'message: %d MiB stored (%d bytes in S3 object); heap limit -Xmx%s\n' "$MB" "$STORED" "$XMX"
printf 'live heap before: %d MiB, peak heap in use during the transfer (garbage included): %d MiB, live heap after: %d MiB\n' \
  $((BEFORE / 1024)) $((PEAK / 1024)) $((AFTER / 1024))

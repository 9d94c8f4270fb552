#!/usr/bin/env bash
# SMTP load benchmark: Inlet against the smtp-sink ceiling and a stock Postfix that queues to disk.
#
# Builds Inlet (unless --no-build), starts the three targets side by side on 127.0.0.1 -- smtp-sink,
# a private Postfix instance, Inlet -- warms each up, and drives them with Postfix's smtp-source at
# 1 KB and 100 KB messages with 10 and 50 concurrent sessions, interleaved: each round runs every
# scenario against the three targets one after the other (--repeat rounds, medians reported). Beside each load a probe session
# (deploy/bench/smtpbench.py, Python standard library) times every message it sends from the end of
# DATA to the 250 reply, which gives the accept latency p50/p99; for Inlet it also reads when each
# probe message's S3 object appeared on the embedded backend (end-to-end latency). Prints
# messages/second, latencies, disk flushes per message and the ratios Inlet/Postfix and
# Inlet/smtp-sink. See BENCHMARKS.md for how to read the figures.
#
# Only loopback is used. Every process the script starts is stopped on exit. The script reports
# figures; a missed target never makes it fail (it exits non-zero only when the benchmark itself
# could not run: build failure, a target that does not start, a tool that is missing).
#
# Usage: deploy/bench/smtp-load.sh [options]
#   --no-build            use the existing deploy/target/inlet.jar
#   --jar FILE            use this Inlet jar (implies --no-build)
#   --head                build the committed HEAD (git archive) in the work directory instead of
#                         the working tree in place: isolated from other builds running in the tree
#   --quick               reduced run for CI: 200 x 1 KB and 50 x 100 KB messages, warm-up 100,
#                         one round, no waiting for an idle machine
#   --msgs-1k N           messages per 1 KB scenario (default 2000)
#   --msgs-100k N         messages per 100 KB scenario (default 500)
#   --sizes "A B"         payload sizes in bytes (default "1024 102400")
#   --sessions "A B"      concurrent smtp-source sessions (default "10 50")
#   --targets "A B"       any of sink postfix inlet, in this order (default all three)
#   --reuse               smtp-source -d: several messages per connection (default: one per connection)
#   --warmup N            warm-up messages per target before measuring (default 500)
#   --light S             per round and size, also S seconds of light load: the probe session alone,
#                         no smtp-source (latency and end-to-end below saturation; default 10, 0 = off)
#   --repeat N            rounds: every scenario runs N times per target, interleaved (default 3);
#                         the report gives medians and the spread
#   --dns nx|dead         Inlet's resolver: nx = a loopback responder answering NXDOMAIN at once
#                         (default); dead = 127.0.0.1:9, every lookup waits INLET_DNS_TIMEOUT (100ms)
#   --idle N              also hold N idle connections open against Inlet and report its resident
#                         memory and threads (raises Inlet's connection limits to N+100);
#                         with --repeat 0 --targets inlet only that is measured
#   --jfr FILE            record a Java Flight Recording of Inlet during the run into FILE
#   --work-dir DIR        where data dirs go (default: a new directory under /var/tmp; must be a
#                         real disk, not tmpfs, or fsync costs nothing)
#   --quiet-wait S        before each scenario wait up to S seconds for the machine to be idle
#                         (< 15% CPU busy; default 20; 0 = do not wait). Other work on a small
#                         machine (builds, tests) distorts every figure; the report shows it.
#   --keep                keep the work directory (logs, spool, queue) after the run
#   --results FILE        also copy the JSON lines of the results there
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY="$HERE/smtpbench.py"

BUILD=1
JAR_FROM=""
FROM_HEAD=0
MSGS_1K=2000
MSGS_100K=500
SIZES="1024 102400"
SESSIONS="10 50"
TARGETS="sink postfix inlet"
REUSE=0
WARMUP=500
DNS_MODE=nx
JFR=""
WORK=""
KEEP=0
RESULTS_COPY=""
QUIET_WAIT=20
REPEAT=3
IDLE=0
LIGHT=10
SENDER="bench@source.bench"
RECIPIENT="x@bench.test"

while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --jar) JAR_FROM=$2; BUILD=0; shift ;;
    --head) FROM_HEAD=1 ;;
    --quick) MSGS_1K=200; MSGS_100K=50; WARMUP=100; REPEAT=1; QUIET_WAIT=0; LIGHT=2 ;;
    --msgs-1k) MSGS_1K=$2; shift ;;
    --msgs-100k) MSGS_100K=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --sessions) SESSIONS=$2; shift ;;
    --targets) TARGETS=$2; shift ;;
    --reuse) REUSE=1 ;;
    --warmup) WARMUP=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --idle) IDLE=$2; shift ;;
    --light) LIGHT=$2; shift ;;
    --dns) DNS_MODE=$2; shift ;;
    --jfr) JFR=$2; shift ;;
    --work-dir) WORK=$2; shift ;;
    --keep) KEEP=1 ;;
    --quiet-wait) QUIET_WAIT=$2; shift ;;
    --results) RESULTS_COPY=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------- cleanup

PIDS=()            # processes started here, stopped by pid on exit
POSTFIX_CONF=""    # private Postfix instance to stop on exit
CREATED_WORK=0

cleanup() {
  local rc=$?
  set +e
  if [ -n "$POSTFIX_CONF" ]; then
    postfix -c "$POSTFIX_CONF" stop >/dev/null 2>&1
    local mp
    mp=$(head -1 "$POSTFIX_QUEUE/pid/master.pid" 2>/dev/null | tr -d ' ')
    [ -n "$mp" ] && kill "$mp" 2>/dev/null
    POSTFIX_CONF=""
  fi
  for p in "${PIDS[@]}"; do
    kill "$p" 2>/dev/null
  done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  PIDS=()
  if [ "$CREATED_WORK" = 1 ] && [ "$KEEP" = 0 ] && [ -n "$WORK" ]; then
    rm -rf "$WORK"
  elif [ -n "$WORK" ]; then
    log "work directory kept: $WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() {  # stop_pid PID: TERM, wait up to 30 s, then KILL; drop it from PIDS
  local p=$1 keep=()
  kill "$p" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  for q in "${PIDS[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  PIDS=("${keep[@]}")
}

# ---------------------------------------------------------------------------- tools

ensure_postfix_tools() {
  if command -v smtp-source >/dev/null && command -v smtp-sink >/dev/null && command -v postfix >/dev/null; then
    return
  fi
  [ "$(id -u)" = 0 ] || die "smtp-source/smtp-sink/postfix missing; install the Debian package postfix"
  log "installing the Debian package postfix (no configuration, service not started)"
  # A policy-rc.d that forbids starting services during the install, unless one exists already.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; made_policy=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null; } \
    || { [ $made_policy = 1 ] && rm -f "$policy"; die "apt-get install postfix failed"; }
  [ $made_policy = 1 ] && rm -f "$policy"
  command -v smtp-source >/dev/null || die "smtp-source still missing after installing postfix"
}

command -v python3 >/dev/null || die "python3 is required"
ensure_postfix_tools
SMTP_SOURCE=$(command -v smtp-source)

# ---------------------------------------------------------------------------- work directory

if [ -z "$WORK" ]; then
  WORK=$(mktemp -d /var/tmp/inlet-bench.XXXXXX)
  CREATED_WORK=1
else
  mkdir -p "$WORK"
fi
chmod 755 "$WORK"
FSTYPE=$(stat -f -c %T "$WORK")
[ "$FSTYPE" = tmpfs ] && log "WARNING: $WORK is on tmpfs: fsync is free there, the figures mean little"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"

# ---------------------------------------------------------------------------- build

JAR="$WORK/inlet.jar"
if [[ " $TARGETS " == *" inlet "* ]]; then
  if [ "$BUILD" = 1 ] && [ "$FROM_HEAD" = 1 ]; then
    log "building HEAD $(cd "$ROOT" && git rev-parse --short HEAD) in $WORK/src: mvn -q -o package -DskipTests"
    mkdir -p "$WORK/src"
    (cd "$ROOT" && git archive HEAD) | tar -x -C "$WORK/src"
    (cd "$WORK/src" && mvn -q -o package -DskipTests) || die "build failed"
    JAR_FROM="$WORK/src/deploy/target/inlet.jar"
  elif [ "$BUILD" = 1 ]; then
    log "building: mvn -q -o package -DskipTests"
    (cd "$ROOT" && mvn -q -o package -DskipTests) || die "build failed"
  fi
  # a private copy: a build running meanwhile in the tree must not pull the jar from under the daemon
  cp "${JAR_FROM:-$ROOT/deploy/target/inlet.jar}" "$JAR" 2>/dev/null \
    || die "no ${JAR_FROM:-deploy/target/inlet.jar} (build first or drop --no-build)"
  command -v aws >/dev/null || die "the AWS CLI (aws) is needed to configure Inlet"
  command -v java >/dev/null || die "java is needed"
fi

read -r P_SINK P_POSTFIX P_SMTP P_API P_DNS <<<"$(python3 "$PY" freeport 5)"

# ---------------------------------------------------------------------------- machine

{
  echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "disk: $WORK on $(df -P "$WORK" | awk 'NR==2{print $1}') ($(findmnt -no FSTYPE,OPTIONS -T "$WORK" 2>/dev/null || echo "$FSTYPE")), rotational=$(cat /sys/block/"$(python3 -c "import sys; sys.path.insert(0, '$HERE'); import smtpbench; print(smtpbench.device_of('$WORK') or 'none')")"/queue/rotational 2>/dev/null || echo '?')"
  if [ -n "$JAR_FROM" ] && [ "$FROM_HEAD" = 0 ]; then
    echo "source: the jar $JAR_FROM (tree at $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null))"
  elif [ "$FROM_HEAD" = 1 ]; then
    echo "source: HEAD $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) (committed tree only)"
  else
    echo "source: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) + working tree ($(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -c . ) uncommitted paths)"
  fi
  echo "kernel: $(uname -r); java: $(java -version 2>&1 | head -1); postfix: $(postconf -h mail_version 2>/dev/null)"
  echo "load: sizes [$SIZES] sessions [$SESSIONS] messages 1KB=$MSGS_1K 100KB=$MSGS_100K warmup=$WARMUP rounds=$REPEAT light=${LIGHT}s reuse=$REUSE dns=$DNS_MODE"
} | tee "$WORK/machine.txt" >&2

# ---------------------------------------------------------------------------- scenarios

count_for() { if [ "$1" -ge 10240 ]; then echo "$MSGS_100K"; else echo "$MSGS_1K"; fi; }

declare -A TARGET_ARGS   # target -> "port extra-args..." for smtpbench.py scenario

scenario() {  # scenario TARGET ROUND SIZE SESSIONS
  local target=$1 round=$2 size=$3 sess=$4 reuse=()
  [ "$REUSE" = 1 ] && reuse=(--reuse)
  # shellcheck disable=SC2086
  set -- ${TARGET_ARGS[$target]}
  local port=$1; shift
  python3 "$PY" scenario --target "$target" --round "$round" --port "$port" --size "$size" --sessions "$sess" \
    --messages "$(count_for "$size")" --duration "$LIGHT" --smtp-source "$SMTP_SOURCE" --sender "$SENDER" \
    --recipient "$RECIPIENT" --disk-path "$WORK" --results "$RESULTS" --quiet-wait "$QUIET_WAIT" \
    "${reuse[@]}" "$@"
}

warm_up() {  # warm_up TARGET
  local target=$1 reuse=()
  [ "$WARMUP" -gt 0 ] || return 0
  [ "$REUSE" = 1 ] && reuse=(--reuse)
  # shellcheck disable=SC2086
  set -- ${TARGET_ARGS[$target]}
  local port=$1; shift
  log "$target: warm-up, $WARMUP x 1 KB over 10 sessions"
  python3 "$PY" scenario --target "$target" --port "$port" --size 1024 --sessions 10 --messages "$WARMUP" \
    --no-probe --smtp-source "$SMTP_SOURCE" --sender "$SENDER" --recipient "$RECIPIENT" \
    --results "$WORK/warmup.jsonl" "${reuse[@]}" "$@" >/dev/null
}

# ---------------------------------------------------------------------------- smtp-sink

start_sink() {
  log "smtp-sink on 127.0.0.1:$P_SINK"
  local user=()
  [ "$(id -u)" = 0 ] && user=(-u nobody)
  smtp-sink "${user[@]}" -m 1000 "127.0.0.1:$P_SINK" 1024 >"$WORK/sink.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  python3 "$PY" wait-port "$P_SINK" 10 || die "smtp-sink did not start (see $WORK/sink.log)"
  TARGET_ARGS[sink]="$P_SINK"
}

# ---------------------------------------------------------------------------- Postfix

POSTFIX_QUEUE=""
start_postfix() {
  [ "$(id -u)" = 0 ] || { log "postfix: skipped (a private Postfix instance needs root)"; return 1; }
  local dir="$WORK/postfix"
  local conf="$dir/etc"
  POSTFIX_QUEUE="$dir/queue"
  mkdir -p "$conf" "$POSTFIX_QUEUE" "$dir/data"
  chown postfix:postfix "$dir/data"
  # A stock Postfix, relaying bench.test: smtpd -> cleanup writes the queue file and fsyncs it before
  # the 250 (one fsync per message); qmgr then hands it to the discard transport, which deletes it.
  # Everything else is Debian's default; its own directories, so a system Postfix is not touched.
  cat >"$conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $POSTFIX_QUEUE
data_directory = $dir/data
command_directory = $(postconf -h command_directory)
daemon_directory = $(postconf -h daemon_directory)
meta_directory = $(postconf -h meta_directory)
shlib_directory = $(postconf -h shlib_directory)
mail_owner = postfix
setgid_group = postdrop
myhostname = postfix.bench
mydomain = bench
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
relay_domains = bench.test
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
default_transport = discard:bench
relay_transport = discard:bench
local_transport = discard:bench
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
smtputf8_enable = no
maillog_file_prefixes = $dir
maillog_file = $dir/maillog
EOF
  cat >"$conf/master.cf" <<EOF
127.0.0.1:$P_POSTFIX inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  log "postfix $(postconf -h mail_version) on 127.0.0.1:$P_POSTFIX (queue $POSTFIX_QUEUE, discard transport)"
  POSTFIX_CONF="$conf"
  postfix -c "$conf" check >"$dir/start.log" 2>&1 || true
  postfix -c "$conf" start >>"$dir/start.log" 2>&1 || die "postfix did not start (see $dir/maillog)"
  python3 "$PY" wait-port "$P_POSTFIX" 20 || die "postfix did not listen (see $dir/maillog)"
  TARGET_ARGS[postfix]="$P_POSTFIX --drain postfix --drain-dir $POSTFIX_QUEUE"
}

# ---------------------------------------------------------------------------- Inlet

INLET_PID=""
start_inlet() {
  local data="$WORK/inlet-data"
  local key=AKIDINLETBENCH secret=inlet-bench-secret-key
  local resolvers="127.0.0.1:9"
  if [ "$DNS_MODE" = nx ]; then
    python3 "$PY" dns "$P_DNS" >"$WORK/dns.log" 2>&1 &
    PIDS+=("$!")
    resolvers="127.0.0.1:$P_DNS"
  fi
  local jvm=()
  [ -n "$JFR" ] && jvm=("-XX:StartFlightRecording:filename=$JFR,settings=profile,jdk.FileForce#threshold=0ms,jdk.FileWrite#threshold=1ms,jdk.JavaMonitorWait#threshold=1ms,jdk.ThreadPark#threshold=1ms")
  # shellcheck disable=SC2086
  env INLET_SMTP_HOST=127.0.0.1 INLET_ACCESS_KEY_ID=$key INLET_SECRET_ACCESS_KEY=$secret \
      INLET_ACTIONS_S3_BUCKETS=bench INLET_DNS_RESOLVERS="$resolvers" INLET_DNS_TIMEOUT=100ms \
      INLET_SMTP_MAX_CONNECTIONS_PER_IP=$((IDLE > 100 ? IDLE + 100 : 200)) \
      INLET_SMTP_MAX_CONNECTIONS=$((IDLE > 900 ? IDLE + 100 : 1000)) \
      java ${INLET_JAVA_OPTS:-} "${jvm[@]}" -jar "$JAR" serve --data-dir "$data" --api-port "$P_API" \
      --smtp-port "$P_SMTP" >"$WORK/inlet.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    grep -q "Inlet ready:" "$WORK/inlet.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || die "Inlet exited at start: $(tail -5 "$WORK/inlet.log")"
    sleep 0.1
  done
  grep -q "Inlet ready:" "$WORK/inlet.log" || die "Inlet not ready after 120 s (see $WORK/inlet.log)"
  log "$(grep -o 'Inlet ready:.*' "$WORK/inlet.log")"
  local ep=(--endpoint-url "http://127.0.0.1:$P_API" --region us-east-1)
  (
    export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
    unset AWS_PROFILE AWS_SESSION_TOKEN
    aws ses verify-domain-identity --domain bench.test "${ep[@]}" >/dev/null
    aws ses create-receipt-rule-set --rule-set-name bench "${ep[@]}" >/dev/null
    aws ses create-receipt-rule --rule-set-name bench "${ep[@]}" --rule \
      '{"Name":"store","Enabled":true,"Recipients":["bench.test"],"Actions":[{"S3Action":{"BucketName":"bench","ObjectKeyPrefix":"in/"}}]}' >/dev/null
    aws ses set-active-receipt-rule-set --rule-set-name bench "${ep[@]}" >/dev/null
  ) || die "configuring Inlet through the SES API failed"
  log "Inlet configured: rule set bench, rule store (bench.test -> S3 bench/in/), dns=$DNS_MODE ($resolvers)"
  # the snapshot reaches the listener asynchronously after the commit: wait until RCPT is accepted
  python3 "$PY" wait-accept "$P_SMTP" "$RECIPIENT" 30 || die "Inlet does not accept $RECIPIENT"
  TARGET_ARGS[inlet]="$P_SMTP --drain inlet --drain-dir $data/s3/bench/in --server-pid $pid"
  INLET_PID=$pid
}

# All targets run side by side (idle ones cost nothing), and the scenarios are interleaved: each
# round runs every scenario against every target in turn, so the three figures of a scenario are
# taken within seconds of each other and share whatever else the machine was doing then.
ACTIVE=()
for t in $TARGETS; do
  case "$t" in
    sink) start_sink && ACTIVE+=(sink) ;;
    postfix) start_postfix && ACTIVE+=(postfix) ;;
    inlet) start_inlet && ACTIVE+=(inlet) ;;
    *) die "unknown target $t" ;;
  esac
done
[ "$REPEAT" -gt 0 ] && for t in "${ACTIVE[@]}"; do warm_up "$t"; done
for round in $(seq 1 "$REPEAT"); do
  log "round $round of $REPEAT"
  for size in $SIZES; do
    for sess in $SESSIONS; do
      for t in "${ACTIVE[@]}"; do scenario "$t" "$round" "$size" "$sess"; done
    done
    if [ "$LIGHT" != 0 ]; then
      for t in "${ACTIVE[@]}"; do scenario "$t" "$round" "$size" 0; done
    fi
  done
done
if [ -n "$INLET_PID" ] && [ "$IDLE" -gt 0 ]; then
  log "inlet: holding $IDLE idle connections"
  # shellcheck disable=SC2086
  python3 "$PY" idle $(echo ${TARGET_ARGS[inlet]} | cut -d' ' -f1) "$IDLE" "$INLET_PID" --results "$WORK/idle.jsonl" \
    || log "idle connection measurement failed"
fi
if [ -n "$INLET_PID" ]; then
  log "Inlet: $(grep -c ' processed: ' "$WORK/inlet.log") messages processed, $(grep -c -E ' (WARN|ERROR) ' "$WORK/inlet.log") WARN/ERROR lines in its log"
fi
[ "$REPEAT" -gt 0 ] || exit 0

python3 "$PY" report "$RESULTS" --targets "$(IFS=,; echo "${ACTIVE[*]}")" | tee "$WORK/report.txt"
[ -n "$RESULTS_COPY" ] && cp "$RESULTS" "$RESULTS_COPY"
exit 0

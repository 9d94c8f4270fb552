#!/usr/bin/env bash
# JMH micro-benchmarks of the configuration snapshot: RecipientMatcher.match (200 rules x 100
# recipients), CidrIndex.isBlocked (100 filters) and CompiledSnapshot.decide (both, per tenant).
#
# Installs the engine into the local Maven repository (unless --no-build), builds the standalone
# benchmark project deploy/bench/jmh (not a reactor module: the normal build never sees it) into
# an uber-jar, and runs it with a short configuration: 1 fork, 3 x 2 s warm-up, 3 x 2 s measurement.
# Reports figures only; it never fails because of a score.
#
# Usage: deploy/bench/jmh.sh [--no-build] [--full] [--json FILE] [-- JMH options...]
#   --no-build   use the already built deploy/bench/jmh/target/benchmarks.jar
#   --full       JMH's usual configuration instead of the short one: 3 forks, 5 x 2 s + 5 x 2 s
#   --json FILE  also write JMH's JSON result to FILE
#   --quiet-wait S  first wait up to S seconds (default 120, 0 = no wait) for the machine to be idle
#                (< 15% CPU busy): other work on the machine distorts every score
#   --shape "OPTS"  JMH's forks/iterations instead of the short ones (e.g. "-f 1 -wi 1 -i 1 -r 1s")
#   -- ...       anything after -- goes to JMH as is (e.g. a benchmark regex: -- Decide -p tenants=1);
#                forks and iterations go in --shape, JMH refuses an option given twice
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PROJECT="$HERE/jmh"
JAR="$PROJECT/target/benchmarks.jar"

BUILD=1
SHAPE=(-f 1 -wi 3 -w 2s -i 3 -r 2s)
JSON=""
QUIET_WAIT=120
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --full) SHAPE=(-f 3 -wi 5 -w 2s -i 5 -r 2s) ;;
    --shape) read -r -a SHAPE <<<"$2"; shift ;;
    --json) JSON=$2; shift ;;
    --quiet-wait) QUIET_WAIT=$2; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$BUILD" = 1 ]; then
  echo "[jmh] mvn -q -o install -DskipTests (engine into ~/.m2)" >&2
  (cd "$ROOT" && mvn -q -o install -DskipTests)
  echo "[jmh] mvn -q -f deploy/bench/jmh/pom.xml package" >&2
  # offline first; the first build ever needs Maven Central once for jmh-core 1.37
  (cd "$ROOT" && { mvn -q -o -f "$PROJECT/pom.xml" package 2>/dev/null || mvn -q -f "$PROJECT/pom.xml" package; })
fi
[ -f "$JAR" ] || { echo "[jmh] $JAR missing (run without --no-build)" >&2; exit 1; }

if [ "$QUIET_WAIT" != 0 ]; then
  busy=$(python3 "$HERE/smtpbench.py" wait-quiet 15 "$QUIET_WAIT") \
    || echo "[jmh] WARNING: the machine is still ${busy}% busy with other work: scores are disturbed" >&2
fi
RESULT=${JSON:-$(mktemp /tmp/inlet-jmh.XXXXXX.json)}
echo "[jmh] $(nproc) CPUs, $(java -version 2>&1 | head -1)" >&2
# -prof gc: bytes allocated per operation, a figure that other load on the machine does not distort
java -jar "$JAR" "${SHAPE[@]}" -prof gc -rf json -rff "$RESULT" "${EXTRA[@]}" || {
  echo "[jmh] JMH failed" >&2; exit 1; }
python3 "$HERE/smtpbench.py" jmh-summary "$RESULT"
[ -n "$JSON" ] || rm -f "$RESULT"
exit 0

#!/usr/bin/env bash
# Compare two builds on the figures of issue #17: `npm run bench` (one edition of the arXiv feed
# over SMTP), `bench:send` (10k and 100k subscribers, rate and peak RSS) and `bench:render`,
# alternating the builds round by round (ABBA...), so load drifts hit both alike.
#
#   bench/compare-builds.sh [BEFORE_REV] [AFTER_DIR]
#     BEFORE_REV  the older commit (default 6e1274d, before the restructuring); checked out as a
#                 detached git worktree under $COMPARE_WORK, built there
#     AFTER_DIR   the checkout to compare (default: this one), built with `npm run build`
#
# Environment: COMPARE_ROUNDS (3), COMPARE_SIZES (bench:send sizes, "10000,100000"),
# COMPARE_BENCHES (any of "bench send render", default all three), COMPARE_WORK (logs and the
# worktree, default /tmp/paperpost-compare), COMPARE_LOCK (flock file each bench holds while it
# runs, default /work/wt/bench.lock when its folder exists; "" for none). Set PAPERPOST_CORPORA
# (e.g. /work/shared/corpora): without the arXiv feed, `bench` and render's arXiv run are skipped.
# Any BENCH_* variable is passed on (BENCH_EDITIONS, BENCH_PARTS, BENCH_SOURCE_MESSAGES, ...).
#
# How each figure is measured, so that both builds go through the same harness where they can:
# - bench: this checkout's bench/run-bench.ts runs each build's launcher (BENCH_BIN).
# - render: each build's own bench/render-bench.ts measures its own renderer (the harness imports
#   src/); the after build's run also times both builds' one-shot `paperpost run` (BENCH_PACKAGES).
# - send: each build's own bench/send-bench.ts (it imports src/, and the send API changed).
# Every log is kept under $COMPARE_WORK/logs; the figure lines of all rounds are printed at the end.
set -euo pipefail

BEFORE_REV=${1:-6e1274d}
AFTER_DIR=$(cd "${2:-$(dirname "$0")/..}" && pwd)
ROUNDS=${COMPARE_ROUNDS:-3}
SIZES=${COMPARE_SIZES:-10000,100000}
BENCHES=${COMPARE_BENCHES:-bench send render}
WORK=${COMPARE_WORK:-/tmp/paperpost-compare}
if [[ -z ${COMPARE_LOCK+set} ]]; then
  COMPARE_LOCK=$([[ -d /work/wt ]] && echo /work/wt/bench.lock || echo '')
fi
BEFORE_DIR="$WORK/before-$BEFORE_REV"
[[ -n ${PAPERPOST_CORPORA:-} ]] || echo "note: PAPERPOST_CORPORA is not set; benches that need the corpora skip" >&2
LOGS="$WORK/logs"
mkdir -p "$LOGS"

# The older build: a detached worktree of the same repository; node_modules shared when the lock
# file is the same (else installed there).
if [[ ! -d $BEFORE_DIR ]]; then
  git -C "$AFTER_DIR" worktree add --detach "$BEFORE_DIR" "$BEFORE_REV" >/dev/null
fi
if [[ ! -e $BEFORE_DIR/node_modules ]]; then
  if cmp -s "$AFTER_DIR/package-lock.json" "$BEFORE_DIR/package-lock.json"; then
    ln -s "$AFTER_DIR/node_modules" "$BEFORE_DIR/node_modules"
  else
    (cd "$BEFORE_DIR" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
  fi
fi
for dir in "$BEFORE_DIR" "$AFTER_DIR"; do
  echo "building $dir"
  (cd "$dir" && npm run --silent build >/dev/null)
done

# Runs one bench, holding the shared lock so no other benchmark runs at the same time.
locked() {
  if [[ -n $COMPARE_LOCK ]]; then flock "$COMPARE_LOCK" "$@"; else "$@"; fi
}

# bench_one LABEL DIR BENCH ROUND: one bench of one build, its output in a log of its own.
bench_one() {
  local label=$1 dir=$2 bench=$3 round=$4
  local log="$LOGS/r$round-$label-$bench.txt"
  echo "round $round: $bench, $label"
  case $bench in
    bench)
      (cd "$AFTER_DIR" && BENCH_ROUNDS=1 BENCH_BIN="$dir/bin/paperpost.js" locked npm run --silent bench) ;;
    send)
      (cd "$dir" && BENCH_SIZES="$SIZES" locked npm run --silent bench:send) ;;
    render)
      if [[ $label == after ]]; then
        (cd "$dir" && BENCH_ROUNDS=1 BENCH_PACKAGES="before=$BEFORE_DIR,after=$AFTER_DIR" locked npm run --silent bench:render)
      else
        (cd "$dir" && BENCH_ROUNDS=1 locked npm run --silent bench:render)
      fi ;;
    *) echo "unknown bench $bench (bench, send, render)" >&2; return 2 ;;
  esac >"$log" 2>&1 || echo "  failed: see $log"
}

for ((round = 1; round <= ROUNDS; round++)); do
  for bench in $BENCHES; do
    if ((round % 2)); then order="before after"; else order="after before"; fi
    for label in $order; do
      [[ $label == before ]] && dir=$BEFORE_DIR || dir=$AFTER_DIR
      bench_one "$label" "$dir" "$bench" "$round"
    done
  done
done

# The figure lines, build by build, round by round (see the logs for the rest).
echo
echo "before = $BEFORE_REV ($BEFORE_DIR), after = $(git -C "$AFTER_DIR" rev-parse --short HEAD) ($AFTER_DIR)"
for bench in $BENCHES; do
  case $bench in
    bench) pattern='^(tool|paperpost|rss2email) ' ;;
    send) pattern='^paperpost [0-9]+:|^peak RSS' ;;
    render) pattern='one variant render|per recipient|first render|^ +(before|after|current)|^3\. one-shot|^ +mode' ;;
  esac
  echo "== $bench"
  for label in before after; do
    for ((round = 1; round <= ROUNDS; round++)); do
      log="$LOGS/r$round-$label-$bench.txt"
      [[ -f $log ]] || continue
      grep -E "$pattern" "$log" | sed "s/^/$label r$round: /" || echo "$label r$round: (no figures; see $log)"
    done
  done
done

#!/usr/bin/env bash
# Every benchmark in one run, one report: the supervisors side by side (daemon RSS with 4 and 100
# programs, `status` wall time, crash -> new process, log intake, memory flatness), the default
# system's memory (PSS of every process after 5 minutes) under each supervisor, and throughput of
# the bots' cores, JIT vs Native AOT. Prints the tables and one goal table (met? per goal) and writes
# them to bench/results/latest.txt.
# usage: bash bench/run.sh [--sections supervisor,system,throughput] [--sups moneybot,supervisord,pm2]
# env:   QUICK=1 (smoke run, about 10 minutes: fewer samples, 20 MB logs, 30 s system, fewer throughput runs),
#        WAIT_QUIET=secs (before each supervisor phase wait up to this long for an idle CPU; default 30,
#        QUICK 0), KEEP_WORK=1 (keep the temp dirs)
# See README.md next to this file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
RESULTS="$HERE/results"
SECTIONS="supervisor,system,throughput"
SUPS="moneybot,supervisord,pm2"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sections) SECTIONS="$2"; shift 2 ;;
    --sups) SUPS="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
has() { [[ ",$SECTIONS," == *",$1,"* ]]; }
log() { printf '[bench/run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

QUICK="${QUICK:-0}"
mkdir -p "$RESULTS"
WORK="$(mktemp -d /tmp/mbbench-all.XXXXXX)"
# everything this run starts carries the tag (bench/supervisor/run.sh gives its own part a tag of its own and
# cleans it up itself); on exit whatever still carries it is stopped
export MBBENCH_TAG="mbbench-all-$$-$(date +%s%N)"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  timeout 30 python3 "$HERE/supervisor/cleanup.py" "$MBBENCH_TAG" || true
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then log "kept work dir $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
{
  echo "MoneyBot benchmarks, $(date '+%Y-%m-%d %H:%M:%S %Z'), commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet 2>/dev/null || echo ' (with local changes)'), $(nproc) CPUs, sections $SECTIONS$([[ $QUICK == 1 ]] && echo ', QUICK smoke run (small samples: figures are indicative only)')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$WORK/header.txt"

# Build ours once (the shipped Native AOT executables in .build/); the sections snapshot them.
log "building the shipped executables if needed (./moneybot --help)"
if ! (cd "$REPO" && timeout 1800 ./moneybot --help >"$WORK/build.txt" 2>&1); then
  log "./moneybot --help failed; its output:"; tail -n 20 "$WORK/build.txt" >&2 || true
fi

SECTION_ARGS=()

# ------------------------------------------------------------------ supervisors (+ default system)
phases=()
has supervisor && phases+=(small big log)
has system && phases+=(system)
if [[ ${#phases[@]} -gt 0 ]]; then
  name="supervisors"
  out="$RESULTS/supervisors"
  rm -f "$out.txt" "$out.json"
  limit=$([[ $QUICK == 1 ]] && echo 1800 || echo 5400)
  log "section $name: phases ${phases[*]} (timeout ${limit}s; progress in $out.log)"
  status=0
  QUICK="$QUICK" WAIT_QUIET="${WAIT_QUIET:-$([[ $QUICK == 1 ]] && echo 0 || echo 30)}" \
    timeout --kill-after=60 "$limit" bash "$HERE/supervisor/run.sh" \
      --phases "$(IFS=,; echo "${phases[*]}")" --sups "$SUPS" \
      --out "$out.txt" --json-out "$out.json" --log-file "$out.log" \
      >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || status=$?
  [[ $status == 0 ]] || { log "section $name failed (exit $status); tail of its log:"; tail -n 20 "$WORK/$name.stderr" >&2 || true; }
  SECTION_ARGS+=("$name=$out.txt:$out.json:$status")
fi

# ------------------------------------------------------------------ throughput, JIT vs AOT
if has throughput; then
  name="throughput"
  out="$RESULTS/throughput"
  rm -f "$out.txt" "$out.json"
  limit=$([[ $QUICK == 1 ]] && echo 1800 || echo 3600)
  mkdir -p "$WORK/throughput"
  # the shipped ext-gap executable, copied so a rebuild during the run cannot swap it
  extgap="$WORK/throughput/extgap-shipped"
  cp "$REPO/.build/extgap/extgap" "$extgap" 2>/dev/null || log "no .build/extgap/extgap (build failed?)"
  quick=()
  # QUICK keeps the sizes (the JIT build needs them to warm up: with 200,000 trades its figures are 3x too low)
  [[ $QUICK == 1 ]] && quick=(--runs 2 --replay-runs 3)
  log "section $name (timeout ${limit}s)"
  status=0
  timeout --kill-after=30 "$limit" python3 "$HERE/throughput.py" --repo "$REPO" --work "$WORK/throughput" \
    --artifacts "$HERE/.artifacts" --extgap "$extgap" --out "$out.txt" --json-out "$out.json" \
    ${quick[@]+"${quick[@]}"} >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || status=$?
  cp "$WORK/$name.stderr" "$out.log" 2>/dev/null || true
  [[ $status == 0 ]] || { log "section $name failed (exit $status); tail of its log:"; tail -n 20 "$WORK/$name.stderr" >&2 || true; }
  SECTION_ARGS+=("$name=$out.txt:$out.json:$status")
fi

echo "took $(( (SECONDS - started) / 60 )) min; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" \
  >>"$WORK/header.txt"
python3 "$HERE/report.py" "$RESULTS/latest.txt" "$WORK/header.txt" ${SECTION_ARGS[@]+"${SECTION_ARGS[@]}"}
log "written to $RESULTS/latest.txt"

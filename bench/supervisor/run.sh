#!/usr/bin/env bash
# Benchmark MoneyBot Supervisor against supervisord and PM2, side by side, same workload.
# usage: bash bench/supervisor/run.sh [bench.py options, e.g. --sups supervisord,pm2 --cycles 50]
# env:   QUICK=1 (fewer samples, 20 MB log, 30 s system), KEEP_WORK=1 (keep the temp dir), MB_CLI (JSON argv
#        of our built CLI binary, overrides the auto-detection), WAIT_QUIET=secs (before each
#        phase wait up to this long for a >= 85% idle CPU; default 30, 0 = don't wait)
# See README.md next to this file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RESULTS="$HERE/results"
PEERS="$HERE/.peers"
mkdir -p "$RESULTS"

log() { printf '[run.sh] %s\n' "$*" >&2; }

command -v python3 >/dev/null || { log "python3 is required"; exit 1; }

WORK="$(mktemp -d /tmp/mbbench.XXXXXX)"
export MBBENCH_TAG="mbbench-$$-$(date +%s%N)"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  timeout 30 python3 "$HERE/cleanup.py" "$MBBENCH_TAG" "$WORK/pids.txt" || true
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then log "kept work dir $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SKIP=()
APT_UPDATED=0
apt_install() {
  if [[ $APT_UPDATED == 0 ]]; then
    timeout 300 apt-get update -qq >/dev/null 2>&1 || true
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "$@" >/dev/null 2>&1
}

# ---------------------------------------------------------------- supervisord
SUPERVISORD="$(command -v supervisord || true)"
if [[ -z "$SUPERVISORD" ]]; then
  log "installing supervisor (apt-get)"
  if [[ $(id -u) == 0 ]] && apt_install supervisor; then
    SUPERVISORD="$(command -v supervisord || true)"
    # the package may start its system service: stop it, we run our own supervisord
    if [[ -f /var/run/supervisord.pid ]] && kill -0 "$(cat /var/run/supervisord.pid)" 2>/dev/null; then
      service supervisor stop >/dev/null 2>&1 || systemctl stop supervisor >/dev/null 2>&1 || true
    fi
  fi
fi
SUPERVISORCTL="$(command -v supervisorctl || true)"
if [[ -z "$SUPERVISORD" || -z "$SUPERVISORCTL" ]]; then
  log "supervisord not available and could not be installed: skipping it"
  SKIP+=(--skip "supervisord=could not install the supervisor package")
else
  log "supervisord $("$SUPERVISORD" --version 2>/dev/null) at $SUPERVISORD"
fi

# ---------------------------------------------------------------- PM2 (local install, not global)
PM2="$PEERS/node_modules/.bin/pm2"
if [[ ! -x "$PM2" ]]; then
  if ! command -v npm >/dev/null && [[ $(id -u) == 0 ]]; then
    log "installing nodejs + npm (apt-get) for PM2"
    apt_install nodejs npm || true
  fi
  if command -v npm >/dev/null; then
    log "installing pm2 into $PEERS (npm)"
    mkdir -p "$PEERS"
    [[ -f "$PEERS/package.json" ]] || echo '{ "private": true, "dependencies": { "pm2": "^7.0.4" } }' >"$PEERS/package.json"
    (cd "$PEERS" && timeout 600 npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || true
  fi
fi
if [[ -x "$PM2" ]] && command -v node >/dev/null; then
  log "pm2 $(node -p "require('$PEERS/node_modules/pm2/package.json').version") (node $(node --version)) at $PM2"
else
  log "PM2 not available and could not be installed: skipping it"
  SKIP+=(--skip "pm2=could not install pm2 with npm")
fi

# ---------------------------------------------------------------- ours
MB_WRAPPER="$REPO/moneybot"
MB_ARGS=()
if [[ ! -x "$MB_WRAPPER" ]]; then
  log "moneybot: $MB_WRAPPER does not exist yet: skipping ours"
  SKIP+=(--skip "moneybot=./moneybot does not exist")
elif ! (cd "$REPO" && timeout 900 ./moneybot --help >"$WORK/moneybot-help.txt" 2>&1); then
  log "moneybot: './moneybot --help' failed (build error?): skipping ours; tail of its output:"
  tail -n 15 "$WORK/moneybot-help.txt" >&2 || true
  SKIP+=(--skip "moneybot=./moneybot --help failed (see run log)")
else
  # Snapshot what the wrapper built (.build/: the CLI and, for phase system, the bots and the
  # simulator) into the work dir and drive ours with that copy (up/start/down and the timed
  # `status`), so a rebuild of the sources during the run cannot swap a binary under us. The
  # wrapper's own `status` is timed too, for information.
  mkdir -p "$WORK/build"
  for name in moneybot extgap orderflow exchange-sim; do
    if [[ -x "$REPO/.build/$name/$name" ]]; then cp -a "$REPO/.build/$name" "$WORK/build/$name"; fi
  done
  MB_ARGS+=(--build-dir "$WORK/build")
  if [[ -z "${MB_CLI:-}" && -x "$WORK/build/moneybot/moneybot" ]]; then
    MB_CLI="[\"$WORK/build/moneybot/moneybot\"]"
  fi
  MB_CLI="${MB_CLI:-$(python3 "$HERE/find_cli.py" "$REPO" || true)}"
  if [[ -n "$MB_CLI" ]]; then
    log "moneybot: using the built CLI $MB_CLI (and timing ./moneybot status, for information)"
    MB_ARGS+=(--mb-cli "$MB_CLI")
  else
    log "moneybot: built CLI binary not found, driving and timing it through ./moneybot"
  fi
fi

QUICK_ARGS=()
if [[ "${QUICK:-0}" == 1 ]]; then
  QUICK_ARGS=(--crash-samples 5 --status-samples 5 --cycles 20 --log-mb 20 --big 30 --settle 2 --system-secs 30)
fi

log "work dir $WORK; results -> $RESULTS/latest.txt"
python3 "$HERE/bench.py" --work "$WORK" --repo "$REPO" \
  --supervisord "${SUPERVISORD:-supervisord}" --supervisorctl "${SUPERVISORCTL:-supervisorctl}" \
  --pm2 "$PM2" --mb-wrapper "[\"$MB_WRAPPER\"]" \
  --out "$RESULTS/latest.txt" --json-out "$RESULTS/latest.json" \
  --log-file "$RESULTS/latest.log" --wait-quiet "${WAIT_QUIET:-30}" \
  ${SKIP[@]+"${SKIP[@]}"} ${MB_ARGS[@]+"${MB_ARGS[@]}"} ${QUICK_ARGS[@]+"${QUICK_ARGS[@]}"} "$@"

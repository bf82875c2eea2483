#!/usr/bin/env bash
# The daemon's footprint with /metrics off and on: the same 4 idle programs (sleep) under a fresh daemon each time;
# after it has settled (start-up pages released, see docs/supervisor.md 1), prints its RSS and anonymous memory;
# with metrics on, then scrapes /metrics N times with curl (the time of each), and prints RSS again.
# Usage: bash bench/supervisor/metrics-rss.sh [moneybot-binary=.build/moneybot/moneybot] [scrapes=100] [settle-s=40]
# Build a Native AOT binary first, e.g. ./moneybot --help (-> .build/moneybot/moneybot) or
#   dotnet publish supervisor/MoneyBot.Supervisor.csproj -c Release -r linux-x64 -p:PublishAot=true -o /tmp/mb-aot
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="${1:-$root/.build/moneybot/moneybot}"
scrapes="${2:-100}"
settle="${3:-40}"
port="${PORT:-19109}"
[ -x "$bin" ] || { echo "no moneybot executable at $bin (build it first; see the header of this script)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
work="$(mktemp -d)"
config=""
cleanup() { [ -z "$config" ] || "$bin" down -c "$config" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

memory() { # memory LABEL: the daemon's VmRSS and RssAnon
  awk -v label="$1" '/^VmRSS/{r=$2} /^RssAnon/{a=$2} END{printf "%-34s RSS %5.1f MiB, anonymous %4.1f MiB\n", label, r/1024, a/1024}' \
    "/proc/$(cat "$work/$mode/run/moneybot.pid")/status"
}

for mode in off on; do
  mkdir -p "$work/$mode/config"
  config="$work/$mode/config/moneybot.yaml"
  {
    echo "supervisor:"
    [ "$mode" = on ] && echo "  metrics: 127.0.0.1:$port"
    echo "defaults:"
    echo "  start_secs: 1s"
    echo "programs:"
    for i in 1 2 3 4; do printf '  idle-%d:\n    command: sleep\n    args: ["10000%d"]\n' "$i" "$i"; done
  } >"$config"
  "$bin" up -c "$config" >/dev/null
  sleep "$settle" # the start-up pages are released once started and again after the first quiet 30 s
  memory "metrics $mode, settled ${settle}s:"
  if [ "$mode" = on ]; then
    for _ in $(seq "$scrapes"); do
      curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/metrics"
    done | sort -n | awk '{t[NR]=$1} END{printf "%d scrapes (curl, loopback): median %.2f ms, max %.2f ms\n", NR, t[int((NR+1)/2)]*1000, t[NR]*1000}'
    printf '%s bytes per scrape\n' "$(curl -s "http://127.0.0.1:$port/metrics" | wc -c)"
    sleep 5
    memory "metrics on, after $scrapes scrapes:"
  fi
  "$bin" down -c "$config" >/dev/null
  config=""
done

#!/usr/bin/env bash
# Memory of one idle ext-gap bot: the simulated exchange (60x) and one `extgap run` (1h candles, so it is
# idle between candles) on loopback; after the bot has settled, prints its RSS and anonymous memory,
# sampled a few times. Usage: bash bench/extgap/idle-rss.sh [settle-seconds=20] [port=18090]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
settle="${1:-20}"
port="${2:-18090}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/moneybot" --help >/dev/null   # builds .build/extgap and .build/exchange-sim on first use
"$root/.build/exchange-sim/exchange-sim" --urls "http://127.0.0.1:$port" --speed 60 --seed 42 --symbols BTCUSDT \
  >"$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q listening "$work/sim.log" 2>/dev/null && break; sleep 0.1; done
"$root/.build/extgap/extgap" run --symbol BTCUSDT --timeframe 1h --market futures \
  --rest-url "http://127.0.0.1:$port" --ws-url "ws://127.0.0.1:$port/fapi" \
  --gaps-out "$work/gaps.csv" --trades-out "$work/trades.csv" --state "$work/state.json" --stats-interval 0 \
  >"$work/bot.out" 2>"$work/bot.err" &
bot=$!
pids+=("$bot")
echo "extgap pid $bot: settling ${settle}s (1h candles at 60x: one candle a minute, the bot idles between them)"
sleep "$settle"
for i in 1 2 3; do
  awk -v i="$i" '/VmRSS/{r=$2} /RssAnon/{a=$2} /Threads/{t=$2} END{printf "sample %d: RSS %.1f MiB, anonymous %.1f MiB, threads %d\n", i, r/1024, a/1024, t}' \
    "/proc/$bot/status"
  sleep 2
done

#!/usr/bin/env bash
# A client nobody here wrote against the simulated exchange: ccxt (npm) loads the markets of its `binance` class
# (spot, USD-M and COIN-M exchangeInfo) and `binanceusdm`, then fetches time, order books, tickers, trades, klines
# and the funding rate through the simulator, and prints one line per call (OK or the error) with its time.
#   bash bench/clients/ccxt.sh                 # installs ccxt into bench/clients/.peers with npm when missing
#   CCXT_VERSION=4.4.0 bash bench/clients/ccxt.sh
# Exit 0 when every call worked. Not a test: the tests never need the network; this needs npm once.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PEERS="$HERE/.peers"
VERSION="${CCXT_VERSION:-latest}"

log() { printf 'ccxt-check: %s\n' "$*" >&2; }

if ! command -v npm >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    log "installing nodejs + npm (apt-get)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    log "npm is missing (run as root once, or install nodejs and npm)"; exit 2
  fi
fi

if [[ ! -d "$PEERS/node_modules/ccxt" ]]; then
  log "installing ccxt@$VERSION into $PEERS (npm)"
  mkdir -p "$PEERS"
  printf '{"name": "moneybot-ccxt-check", "private": true}\n' >"$PEERS/package.json"
  (cd "$PEERS" && timeout 600 npm install --silent --no-audit --no-fund "ccxt@$VERSION" >/dev/null)
fi

"$ROOT/moneybot" --help >/dev/null # builds the shipped executables when the sources changed
SIM="$ROOT/.build/exchange-sim/exchange-sim"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK="$(mktemp -d)"
"$SIM" --urls "http://127.0.0.1:$PORT" --speed 60 --history 2h --symbols BTCUSDT,ETHUSDT >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
trap 'kill $SIM_PID 2>/dev/null || true; wait $SIM_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
  grep -q 'listening on' "$WORK/sim.log" && break
  kill -0 $SIM_PID 2>/dev/null || { cat "$WORK/sim.log" >&2; exit 1; }
  sleep 0.1
done

NODE_PATH="$PEERS/node_modules" node "$HERE/ccxt-check.cjs" "http://127.0.0.1:$PORT"

#!/usr/bin/env bash
# STAND-IN program: takes the place of a real bot in config/moneybot.yaml until the bots exist
# (ext-gap and order-flow bots, simulated exchange: later issues). It only shows supervision working:
# prints a heartbeat, exits cleanly on SIGTERM.
set -u
name="${1:-standin}"
every="${2:-5}"
trap 'echo "[$name] STAND-IN stopping on SIGTERM"; exit 0' TERM INT
echo "[$name] STAND-IN started (pid $$): a placeholder until the real program exists"
n=0
while true; do
  sleep "$every" &
  wait $!
  n=$((n + 1))
  echo "[$name] STAND-IN heartbeat $n"
done

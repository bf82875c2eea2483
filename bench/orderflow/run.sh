#!/usr/bin/env bash
# Order-flow processing speed on one core: 1,000,000 synthetic aggTrade messages (seeded), Release build.
# Prints trades per second (median and best of several runs) and bytes allocated per trade for: parse only;
# metric updates only; parse + every metric update; the steady state (tables already grown); a full file
# replay writing JSON lines; and a calibration line (System.Text.Json reader MB/s) to compare machines.
# Usage: bash bench/orderflow/run.sh [trades] [seed] [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec taskset -c 0 dotnet run -c Release --project bench/orderflow/OrderFlowBench.csproj -- "$@"

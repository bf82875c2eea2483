#!/usr/bin/env bash
# Order-flow processing speed on one core: 1,000,000 synthetic aggTrade messages (seeded), Release build.
# Prints trades per second and bytes allocated per trade for: parse only; parse + every metric update;
# the steady state (tables already grown); and a full file replay writing JSON lines.
# Usage: bash bench/orderflow/run.sh [trades] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec taskset -c 0 dotnet run -c Release --project bench/orderflow/OrderFlowBench.csproj -- "$@"

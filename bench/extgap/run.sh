#!/usr/bin/env bash
# Replay throughput of the External-Gap core: 1,000,000 synthetic candles (seeded), Release build.
# Usage: bash bench/extgap/run.sh [candles] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/extgap/ExtGapBench.csproj -- "$@"

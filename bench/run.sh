#!/usr/bin/env bash
# Runs one benchmark against the whole system started by the AppHost (local mode): bench/run.sh NAME.
# Without a name it lists them. What each measures, and the figures so far: bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Community.Bench -- "$@" 2>&1 | grep -v -E '^(info|warn|fail|dbug): |^      '

#!/usr/bin/env bash
# Outbox commit in Volunteers -> effect committed in Grid: p50/p99 at a fixed rate, and a 10,000-event drain.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Community.Bench -- event-latency 2>&1 | grep -v -E '^(info|warn|fail|dbug): |^      '

#!/usr/bin/env bash
# The same GET direct to the grid service and through the gateway, at a fixed rate and at saturation.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Community.Bench -- gateway-overhead 2>&1 | grep -v -E '^(info|warn|fail|dbug): |^      '

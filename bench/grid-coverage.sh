#!/usr/bin/env bash
# See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Community.Bench -- grid-coverage 2>&1 | grep -v -E '^(info|warn|fail|dbug): |^      '

#!/usr/bin/env bash
# Prints a bearer token for local use, signed with the key the AppHost generated in .data/secrets.
#   TOKEN=$(./token.sh station-staff); curl -H "Authorization: Bearer $TOKEN" http://localhost:5200/api/grid/compounds
set -euo pipefail
cd "$(dirname "$0")"
dotnet run --project tools/MintToken -v quiet -- "$@"

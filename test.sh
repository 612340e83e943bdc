#!/usr/bin/env bash
# Builds everything and runs every test. Tests that touch data or messages start their own PostgreSQL and
# RabbitMQ servers from the machine's packages (installed here when missing). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
started=$(date +%s)

scripts/install-prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }
# The independent iCalendar parser the feed tests read the feeds with (Mozilla's ical.js, from the npm registry).
ical=tests/Services.Activities.Tests/ical
[ -d "$ical/node_modules" ] || npm ci --prefix "$ical" --no-audit --no-fund --silent || { echo "npm could not install ical.js."; echo "0 passed, 1 failed"; exit 1; }
# The AsyncAPI Initiative's parser (and Ajv) the partners tests check the public events document and events with.
asyncapi=tests/Services.Partners.Tests/asyncapi
[ -d "$asyncapi/node_modules" ] || npm ci --prefix "$asyncapi" --no-audit --no-fund --silent || { echo "npm could not install the AsyncAPI parser."; echo "0 passed, 1 failed"; exit 1; }

# Redocly's OpenAPI validator and linter the service tests check every OpenAPI document with.
openapi=tests/Testing/openapi
[ -d "$openapi/node_modules" ] || npm ci --prefix "$openapi" --no-audit --no-fund --silent || { echo "npm could not install the OpenAPI linter."; echo "0 passed, 1 failed"; exit 1; }

results=TestResults
rm -rf "$results"

if ! dotnet build Community.sln -nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# The end-to-end tests share one running system and run one after another, waiting on it more than working: they
# start first, beside the rest taken one assembly at a time (two cores: a third test host slows the system's start
# more than it gains), so the run does not end on them alone. Their output follows the others'.
quiet='^\s*$|^(  )?Passed [A-Za-z]'
e2e_log=$(mktemp)
dotnet test tests/EndToEnd.Tests/EndToEnd.Tests.csproj --no-build -nologo --logger "trx" --results-directory "$results/e2e" \
  > "$e2e_log" 2>&1 &
e2e=$!
dotnet test Community.sln --no-build -nologo -m:1 --logger "trx" --results-directory "$results" \
  --filter "FullyQualifiedName!~Community.EndToEnd.Tests" \
  -- RunConfiguration.TreatNoTestsAsError=false 2>&1 | grep -vE "$quiet"
status=${PIPESTATUS[0]}
wait "$e2e"
e2e_status=$?
grep -vE "$quiet" "$e2e_log"
rm -f "$e2e_log"
[ "$e2e_status" -eq 0 ] || status=$e2e_status

# Servers a crashed test host could not stop, and their folders.
pkill -f -- "-sname (test|e2e)-[0-9a-f]+@localhost" 2>/dev/null || true
rm -rf /tmp/community-pg-* /tmp/community-rmq-* /tmp/community-e2e-* 2>/dev/null || true

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx "$results"/e2e/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")
  s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0})); skipped=$((skipped + ${s:-0}))
done

# A test host that crashed writes no results: never report green for it.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

echo "Tests took $(( $(date +%s) - started )) s."
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

#!/usr/bin/env bash
# Runs every Pulse test: builds the solution, runs each test project, prints one summary line.
# Installs what the tests need first (today: nothing beyond the .NET SDK; PostgreSQL and Chromium
# join here as the tests that need them land).
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Orleans.sln -c Release --nologo -v quiet -warnaserror
status=0
dotnet test Orleans.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" || status=$?

# One closing line for humans and CI: totals over every project's TRX report.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"

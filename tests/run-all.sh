#!/usr/bin/env bash
# Runs every Pulse test: builds the solution, runs each test project, prints one summary line.
# Installs what the tests need first (beyond the .NET SDK: PostgreSQL's server binaries and Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

# The integration tests start throw-away PostgreSQL servers of their own from Debian's binaries
# (tests/Pulse.Testing/Postgres/TemporaryPostgres.cs); install them when missing. CI runs as root.
# The system service is not wanted: while installing, a policy-rc.d answering 101 ("forbidden")
# keeps the package from starting it, unless the machine already has a policy of its own.
if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL server binaries missing: install Debian's postgresql package (needs root)" >&2
    exit 1
  fi
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
  fi
  installed=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } || installed=$?
  if [ -n "$policy" ]; then rm -f "$policy"; fi
  if [ "$installed" -ne 0 ]; then exit "$installed"; fi
fi

# The browser tests (tests/Pulse.Browser.Tests, docs/testing-browser.md) drive Debian's Chromium
# through Playwright's driver from its NuGet package; Playwright never downloads a browser of its own.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium missing: install Debian's chromium package (needs root)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

# The deployment tests (tests/Pulse.Deployment.Tests) render every k8s/ overlay with `kubectl kustomize`.
# Debian's kubernetes-client is kubectl 1.20 with kustomize v2.0.3; the manifests are written for it and
# for current kustomize alike.
if ! command -v kubectl > /dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "kubectl missing: install Debian's kubernetes-client package (needs root)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Orleans.sln -c Release --nologo -v quiet -warnaserror
status=0
dotnet test Orleans.sln -c Release --no-build --nologo -m:1 --filter "Run!=manual" \
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

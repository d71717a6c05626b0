#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need when missing,
# builds, tests, and ends with a plain "N passed, N failed" line summed from the TRX reports.
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"

# Tests that need Redis start their own redis-server on a free loopback port; the observability tests open the
# Orleans dashboard in headless Chromium and scrape a silo with Prometheus. Install what is absent; a test whose
# tool still is missing skips and says so.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from apt"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "test.sh: could not install ${missing[*]}; the tests that need them will skip"
fi

results="TestResults"
rm -rf "$results"
status=0
dotnet test LiveGraphRec.sln -c "$configuration" --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(value passed))); failed=$((failed + $(value failed))); total=$((total + $(value total)))
  skipped=$((skipped + $(value total) - $(value executed)))
done
if [ "$total" -eq 0 ]; then
  echo "test.sh: no test ran (no TRX counters found)" >&2
  status=1
fi
if [ "$skipped" -gt 0 ]; then echo "test.sh: $skipped tests skipped (see the TRX files in $results for why)"; fi
echo "$passed passed, $failed failed"
exit "$status"

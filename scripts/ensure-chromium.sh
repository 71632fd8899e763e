#!/usr/bin/env bash
# Makes sure headless Chromium is available at /usr/bin/chromium for the report rendering test
# (tests/Cli.Tests/Sweep/ReportTests.cs; the test is skipped with a visible reason without it).
# As root on Debian/Ubuntu it installs the `chromium` package; elsewhere it prints the command and exits 0,
# because a missing browser only skips one test.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "headless Chromium is not installed; the report rendering test will be skipped." >&2
  echo "Install it with: sudo apt-get install -y chromium" >&2
  exit 0
fi

echo "Installing chromium for the report rendering test..." >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { apt-get install -y -qq chromium || { apt-get update -qq && apt-get install -y -qq chromium; }; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "apt-get could not install chromium (log above); the report rendering test will be skipped." >&2
  rm -f "$log"
  exit 0
fi
rm -f "$log"
[ -x /usr/bin/chromium ] && echo "chromium installed at /usr/bin/chromium." >&2
exit 0

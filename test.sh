#!/usr/bin/env bash
# Runs every test of the solution (installing what a fresh machine lacks first).
# TRX results land in .ci-results/ so .ci/run can print the summary line.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-native-deps.sh
rm -rf .ci-results
dotnet test QGan.MLNet.sln -c Release -nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory .ci-results "$@"

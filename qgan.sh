#!/usr/bin/env bash
# Runs the qgan CLI from source, installing what a fresh machine lacks first.
# Example: ./qgan.sh demo    (the main job on the embedded synthetic SAT-4 data)
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-native-deps.sh
dotnet build src/Cli/QGan.MLNet.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet src/Cli/bin/Release/net10.0/qgan.dll "$@"

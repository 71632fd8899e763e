#!/usr/bin/env bash
# Packs qgan as a .NET tool into artifacts/tool, installs it into a temporary tool path and runs `qgan demo --quick`
# in an empty temporary folder: the shipped models must be found next to the tool, not in the working directory.
set -euo pipefail
cd "$(dirname "$0")/.."
feed=artifacts/tool
rm -rf "$feed"
suffix="ci.$(date +%s)"
CI=true dotnet pack src/Cli/QGan.MLNet.Cli.csproj -c Release -o "$feed" --version-suffix "$suffix" -nologo -v quiet
tools=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$tools" "$work"' EXIT
dotnet tool install --tool-path "$tools" --add-source "$feed" qgan --version "0.1.0-$suffix"
(cd "$work" && "$tools/qgan" demo --quick --out demo-out > demo.log)
test -f "$work/demo-out/summary.md" && test -f "$work/demo-out/report/index.html"
echo "qgan tool: installed from $feed and ran the demo in $work"

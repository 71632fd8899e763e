#!/usr/bin/env bash
# Packs the libraries of this repository into artifacts/packages (version 0.1.0-ci.<time>) and builds and runs the
# consumer sample (samples/), which references the PACKAGES, not the projects. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
feed=artifacts/packages
rm -rf "$feed"
mkdir -p "$feed"
suffix="ci.$(date +%s)"
for project in src/Core/QGan.MLNet.Core.csproj src/Quantum/QGan.MLNet.Quantum.csproj src/Transforms/QGan.MLNet.Transforms.csproj src/Trainers/QGan.MLNet.Trainers.csproj; do
  CI=true dotnet pack "$project" -c Release -o "$feed" --version-suffix "$suffix" -nologo -v quiet
done
dotnet build samples/QGan.MLNet.Samples.sln -c Release -nologo -v quiet
dotnet run --project samples/ConsumerSample/ConsumerSample.csproj -c Release --no-build

#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a fixed budget each.
#   scripts/fuzz.sh 100000x     executions per target (the default)
#   scripts/fuzz.sh 10s         a duration: see below
# A count, not a duration: with a duration, Go 1.26's fuzz coordinator can fail a
# target with a bare "context deadline exceeded" when the time runs out while a
# worker is mid-call (golang/go#75804, fixed in Go 1.27); CI hit it on
# 2026-11-30 with no failing input written. A count sets no deadline to race.
set -euo pipefail
fuzztime=${1:-100000x}
cd "$(dirname "$0")/.."
found=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    found=$((found + 1))
    echo "--- fuzz $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
echo "fuzz: ran $found targets for $fuzztime each"

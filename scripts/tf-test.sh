#!/usr/bin/env bash
# terraform test on examples/complete against a built provider (dev_overrides,
# offline), through a Terraform-compatible CLI:
#   scripts/tf-test.sh BIN_DIR [CLI]        (CLI defaults to terraform)
# complete.tftest.hcl has runs that expect a postcondition to fail
# (expect_failures); the data sources explain the shortfall in warnings, which
# terraform test prints in full. When every run passes those warnings are
# expected, so only their titles are shown; on a failure the whole output is.
set -euo pipefail
bin_dir=$1; cli=${2:-terraform}
here=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp); trap 'rm -f "$log"' EXIT
if ! "$here/scripts/with-dev-provider.sh" "$bin_dir" "$here/examples/complete" "$cli" test -no-color >"$log" 2>&1; then
  cat "$log"; exit 1
fi
# Keep every line but the bodies of warning blocks; a block ends at the next
# run, file, summary, error or warning line.
awk '
  /^Warning: / { printf "    expected warning (this run expects the failure): %s\n", substr($0, 10); skip = 1; next }
  /^  run |^[^ ].*\.tftest\.hcl|^Success!|^Failure!|^Error: / { skip = 0 }
  !skip && NF' "$log"

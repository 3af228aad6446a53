#!/usr/bin/env bash
# make demo: apply examples/complete with the freshly built provider (dev_overrides,
# offline, no terraform init) in a temporary copy, and print the sizing report.
set -euo pipefail
bin_dir=${1:-bin}
here=$(cd "$(dirname "$0")/.." && pwd)
start=$(date +%s%N)
"$here/scripts/with-dev-provider.sh" "$bin_dir" "$here/examples/complete" bash -c '
  terraform apply -auto-approve -input=false -compact-warnings -no-color > apply.log 2>&1 || { cat apply.log; exit 1; }
  sed -n "/^Warnings:/,/^$/p" apply.log | grep -v "^$" || true; grep "^Apply complete" apply.log
  echo
  terraform output -no-color
'
echo
echo "make demo: applied examples/complete in $(( ($(date +%s%N) - start) / 1000000 )) ms (after the Go build)"

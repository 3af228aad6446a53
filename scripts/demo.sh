#!/usr/bin/env bash
# make demo: apply examples/complete with the freshly built provider (dev_overrides,
# offline, no terraform init) in a temporary copy, and print the sizing report.
set -euo pipefail
bin_dir=${1:-bin}
here=$(cd "$(dirname "$0")/.." && pwd)
start=$(date +%s%N)
"$here/scripts/with-dev-provider.sh" "$bin_dir" "$here/examples/complete" bash -c '
  terraform apply -auto-approve -input=false -compact-warnings -no-color > apply.log 2>&1 || { cat apply.log; exit 1; }
  # Compact warnings (the dev_overrides notice, and any the data sources raise).
  awk "/^Warnings:/{w=1; next} /^To see the full/{w=0} w && /^- / && !seen[\$0]++" apply.log | sed "s/^/warning: /"
  grep "^Apply complete" apply.log
  echo
  # The report output is the whole page; every number is also a structured output.
  if terraform output -raw report > report.txt 2>/dev/null; then
    cat report.txt; echo
    echo
    echo "Structured outputs: $(terraform output -json | grep -o "^  \"[a-z_0-9]*\"" | tr -d " \"" | grep -vx report | paste -sd " " -)"
  else
    terraform output -no-color
  fi
'
echo
echo "make demo: applied examples/complete in $(( ($(date +%s%N) - start) / 1000000 )) ms (after the Go build)"

#!/usr/bin/env bash
# make compat: the examples test (TestAccExamples) and terraform test of
# examples/complete through every client scripts/compat-build.sh builds
# (OpenTofu 1.12.6, the oldest tested Terraform 1.8.5 and OpenTofu 1.8.0),
# besides the Terraform on PATH that make test uses.
#   scripts/compat.sh BIN_DIR
set -euo pipefail
bin_dir=$1
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export CHECKPOINT_DISABLE=1
# A CLI configuration file that is named but missing makes every CLI print a
# warning, which OpenTofu prints into `tofu version` too, and
# terraform-plugin-testing then cannot parse the version: leave it unset.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi

start=$(date +%s)
clients=$("$here/scripts/compat-build.sh")
echo "compat: clients ready in $(( $(date +%s) - start ))s"

failed=0
while read -r name version path; do
  t0=$(date +%s)
  printf '\n--- %s %s (%s)\n' "$name" "$version" "$path"
  "$path" version 2>/dev/null | head -1 || true
  # OpenTofu resolves source = "ekssize/ekssize" to registry.opentofu.org:
  # serve the in-process provider there (terraform-plugin-testing's TF_ACC_PROVIDER_HOST).
  host=registry.terraform.io
  [ "$name" = tofu ] && host=registry.opentofu.org
  log=$(mktemp)
  rc=0
  TF_ACC_TERRAFORM_PATH="$path" TF_ACC_PROVIDER_HOST="$host" \
    go test -count=1 -timeout 30m ./internal/provider -run '^TestAccExamples$' -v >"$log" 2>&1 || rc=$?
  # One line per example, the go test summary, and any failure's messages.
  grep -E '^(--- FAIL|[[:space:]]+--- (PASS|FAIL|SKIP)|ok|FAIL|panic)|\.go:[0-9]+:' "$log" || true
  if [ "$rc" -ne 0 ]; then
    echo "compat: TestAccExamples FAILED through $name $version (full output follows)"; cat "$log"; failed=1
  fi
  rm -f "$log"
  if ! "$here/scripts/tf-test.sh" "$bin_dir" "$path"; then
    echo "compat: terraform test of examples/complete FAILED through $name $version"; failed=1
  fi
  echo "compat: $name $version done in $(( $(date +%s) - t0 ))s"
done <<<"$clients"

echo
echo "compat: total $(( $(date +%s) - start ))s"
exit $failed

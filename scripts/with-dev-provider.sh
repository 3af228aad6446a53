#!/usr/bin/env bash
# Runs a terraform command in a temporary copy of a configuration, with a CLI
# config whose dev_overrides point at a built provider, so nothing is
# downloaded and no `terraform init` is needed. Leaves nothing behind.
#   scripts/with-dev-provider.sh BIN_DIR CONFIG_DIR terraform ARGS...
# The command may be another Terraform-compatible CLI (OpenTofu reads the same
# CLI configuration; its default registry address is registry.opentofu.org).
set -euo pipefail
bin_dir=$(cd "$1" && pwd); config_dir=$2; shift 2
command -v "$1" >/dev/null || { echo "error: $1 not found (install Terraform 1.11, or see make compat for OpenTofu)" >&2; exit 1; }
[ -x "$bin_dir/terraform-provider-ekssize" ] || { echo "error: $bin_dir/terraform-provider-ekssize not built (make build)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/ekssize/ekssize" = "$bin_dir"
    "registry.opentofu.org/ekssize/ekssize" = "$bin_dir"
  }
  direct {}
}
TFRC
cp -R "$config_dir"/. "$tmp/work/" 2>/dev/null || { mkdir -p "$tmp/work" && cp -R "$config_dir"/. "$tmp/work/"; }
rm -rf "$tmp/work/.terraform" "$tmp/work/terraform.tfstate"*
cd "$tmp/work"
export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_DATA_DIR="$tmp/data"
# dev_overrides print a warning on every command; keep it, users should see it.
"$@"

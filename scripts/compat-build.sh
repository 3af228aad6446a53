#!/usr/bin/env bash
# Builds the Terraform-compatible CLIs that make compat tests the provider with,
# from the Go module proxy, once per machine, into a cache outside the work tree:
#   ${EKSSIZE_COMPAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ekssize-compat}/<name>-<version>/<binary>
# A binary already in the cache is reused (a warm run takes well under a second).
# Prints one line per client: "<name> <version> <path>".
#   scripts/compat-build.sh [name@module@version@package ...]
set -euo pipefail

cache=${EKSSIZE_COMPAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ekssize-compat}
mkdir -p "$cache"

# The clients make compat runs, each built with `go build` inside its module
# directory (a plain `go install` is refused: both modules have replace directives).
#   opentofu 1.12.6   a current OpenTofu 1.x
#   terraform 1.8.5   the oldest Terraform the provider claims (provider-defined functions)
# OpenTofu 1.7 (the first with provider functions) is not served by the module proxy;
# the oldest OpenTofu it serves with them is 1.8.0, so the claim is OpenTofu 1.8+.
default_clients=(
  "tofu@github.com/opentofu/opentofu@v1.12.6@./cmd/tofu"
  "terraform@github.com/hashicorp/terraform@v1.8.5@."
  "tofu@github.com/opentofu/opentofu@v1.8.0@./cmd/tofu"
)
clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=("${default_clients[@]}")

# reports_version BIN vX.Y.Z: BIN's `version` says "Terraform vX.Y.Z" or "OpenTofu vX.Y.Z".
reports_version() {
  [ -x "$1" ] || return 1
  local out
  # Read the whole output first: a grep that stops early would kill the CLI
  # with SIGPIPE, which pipefail reports as a failure.
  out=$(CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null) || return 1
  grep -qxE "(Terraform|OpenTofu) v${2#v}" <<<"$out"
}

for spec in "${clients[@]}"; do
  IFS=@ read -r name module version pkg <<<"$spec"
  dir="$cache/$name-${version#v}"
  bin="$dir/$name"
  # A cached binary is reused only if it reports exactly this release.
  if ! reports_version "$bin" "$version"; then
    start=$(date +%s)
    echo "compat: building $name $version from $module@$version (once per machine, into $dir)" >&2
    mkdir -p "$dir"
    log="$dir/build.log"
    moddir=$(go mod download -json "$module@$version" 2>"$log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -n "$moddir" ] && [ -d "$moddir" ] || { cat "$log" >&2; echo "error: go mod download $module@$version gave no module directory" >&2; exit 1; }
    # GOTOOLCHAIN=local: never download a Go toolchain; GOWORK=off: ignore any
    # go.work around; -mod=readonly: the module's own go.sum, as released;
    # version.dev=no: report the release version ("1.8.5", not "1.8.5-dev"),
    # as both projects' release builds do.
    (cd "$moddir" && GOTOOLCHAIN=local GOWORK=off GOFLAGS=-mod=readonly CGO_ENABLED=0 \
      go build -trimpath -ldflags "-s -w -X $module/version.dev=no" -o "$bin.tmp" "$pkg") >>"$log" 2>&1 ||
      { cat "$log" >&2; echo "error: building $name $version failed (log: $log)" >&2; exit 1; }
    reports_version "$bin.tmp" "$version" ||
      { echo "error: the $name build does not report $version: $("$bin.tmp" version 2>/dev/null | head -3)" >&2; exit 1; }
    mv "$bin.tmp" "$bin"
    echo "compat: built $name $version in $(( $(date +%s) - start ))s" >&2
  fi
  echo "$name $version $bin"
done

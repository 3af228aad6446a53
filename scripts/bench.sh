#!/usr/bin/env bash
# make bench: Go benchmarks (benchstat medians), provider start-up and memory,
# and `terraform plan` end to end, compared with a no-op framework provider
# served as the ekssize binary is, with plain HCL, and with HashiCorp's local
# and cloudinit providers built from the Go module proxy. Raw results go to
# bench/results/<UTC time>/ (gitignored; bench/results/latest points at the
# newest); the summary is printed and saved as summary.md there. Not part of
# `make test`.
#
# The end-to-end plans run interleaved (bench/interleave: every variant once
# per round, in a fresh random order) and are compared by their median CPU
# time (user+system of Terraform and its providers), because the machine may
# be shared.
#
# Installs what it lacks: GNU time from Debian (apt-get), benchstat through the
# Go module proxy into ./bin. Needs Go and Terraform on PATH.
#
# Knobs (environment):
#   BENCH_COUNT=10       go test -count
#   BENCH_TIME=500ms     go test -benchtime
#   BENCH_RUNS=10        recorded end-to-end rounds (after 2 warm-up rounds)
#   BENCH_STARTS=100     provider starts per binary for the start-up timing
#   BENCH_SIZES="1 200"  node-group counts of the end-to-end plans; 200 carries
#                        the targets, 1 the one-read floor; 50 and 800 may be added
#   BENCH_SKIP=          space-separated parts to skip: go startup memory split e2e
#   BENCH_BASELINE=REV   also build the provider at git revision REV (e.g. main)
#                        and time/measure its d, f and g variants in the same
#                        runs, named d@base-200 and so on
#   BENCH_ABLATE=1       also build the provider (HEAD) without each of its
#                        speed workarounds and time them in the same runs:
#                        @nocodec (framework Get/Set instead of the model
#                        codec), @noserve (providerserver.Serve with the
#                        framework's defaults instead of internal/serve),
#                        @nolean (SDK logs off, but no lean request contexts)
#   BENCH_COMPARE="local=MODULE@VERSION cloudinit=MODULE@VERSION"
#                        HashiCorp providers to time beside ekssize (variants l
#                        and i), each built with `go build` in its module
#                        directory as the Go module proxy serves it, into
#                        BENCH_CACHE (default ~/.cache/terraform-provider-ekssize-bench,
#                        outside the work tree); one the proxy does not serve is
#                        skipped with a message. Empty: none.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
count=${BENCH_COUNT:-10}
benchtime=${BENCH_TIME:-500ms}
runs=${BENCH_RUNS:-10}
starts=${BENCH_STARTS:-100}
sizes=${BENCH_SIZES:-1 200}
# local v1.4.0 is the newest release the Go module proxy serves under this
# module path (the v2 releases' go.mod has no /v2 suffix, so they are not
# modules at their tags); cloudinit's v2.4.0 release by its commit, for the
# same reason.
compare=${BENCH_COMPARE-local=github.com/hashicorp/terraform-provider-local@v1.4.0 cloudinit=github.com/hashicorp/terraform-provider-cloudinit@54639b6bd5905ce1cf87d3c1ace4a32e6e7e71aa}
cache=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-ekssize-bench}
skip=" ${BENCH_SKIP:-} "
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da # latest when written; pinned so runs compare

log() { printf '\n=== %s\n' "$*" >&2; }
wants() { [[ $skip != *" $1 "* ]]; }

# --- tools -------------------------------------------------------------------
command -v go >/dev/null || { echo "error: go is not on PATH" >&2; exit 1; }
command -v terraform >/dev/null || { echo "error: terraform is not on PATH (install Terraform 1.11; nothing is downloaded)" >&2; exit 1; }
apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing $* from Debian"
  $sudo apt-get install -y -qq "$@" >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@" >/dev/null; }
}
[ -x /usr/bin/time ] || apt_install time
if [ ! -x bin/benchstat ]; then
  log "installing benchstat into ./bin"
  GOBIN="$here/bin" go install "$BENCHSTAT"
fi

out=${BENCH_OUT:-$here/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out" "$here/bench/results"
ln -sfn "$out" "$here/bench/results/latest"
summary=$out/summary.md

# --- build -------------------------------------------------------------------
log "building the providers and the bench tools"
prov=$out/providers
build() { CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$1" "$2"; }
build "$prov/ekssize/terraform-provider-ekssize" .
# bench/ is a Go module of its own (it imports internal/serve and
# internal/provider through a replace directive).
(cd bench && build "$prov/noop/terraform-provider-noop" ./noopprovider)
(cd bench && build "$prov/wide/terraform-provider-wide" ./wideprovider)
for t in gen startup report interleave; do (cd bench && go build -o "$out/tools/$t" "./$t"); done

# HashiCorp's providers, as the Go module proxy serves them: `go build` in the
# module directory, binaries cached outside the work tree.
compared="" overrides=""
for spec in $compare; do
  name=${spec%%=*} modver=${spec#*=}
  bin=$cache/$modver/terraform-provider-$name
  if [ ! -x "$bin" ]; then
    log "building hashicorp/$name from $modver"
    dir=$(mkdir -p "$cache" && cd "$cache" && GOFLAGS= go mod download -json "$modver" 2>/dev/null | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' || true)
    if [ -z "$dir" ] || ! (cd "$dir" && CGO_ENABLED=0 GOFLAGS="-buildvcs=false -mod=mod" go build -trimpath -ldflags "-s -w" -o "$bin" .); then
      echo "skipping hashicorp/$name: the Go module proxy does not serve $modver here, or it does not build" >&2
      echo "- hashicorp/$name ($modver): not available, its variant is skipped" >> "$out/compared.txt"
      continue
    fi
  fi
  mkdir -p "$prov/$name" && cp "$bin" "$prov/$name/"
  overrides+="    \"registry.terraform.io/hashicorp/$name\" = \"$prov/$name\""$'\n'
  compared="$compared $name"
  echo "- hashicorp/$name: $modver, sha256 $(sha256sum "$bin" | cut -c1-12) (cached $bin)" >> "$out/compared.txt"
done

cat > "$out/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/ekssize/ekssize" = "$prov/ekssize"
    "registry.terraform.io/bench/noop"      = "$prov/noop"
    "registry.terraform.io/bench/wide"      = "$prov/wide"
$overrides  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE=$out/dev.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

baseline=${BENCH_BASELINE:-}
if [ -n "$baseline" ]; then
  log "building the baseline provider at $baseline"
  basesrc=$out/base-src # kept for the Go benchmarks
  mkdir -p "$basesrc"
  git archive "$baseline" | tar -x -C "$basesrc"
  (cd "$basesrc" && build "$prov/base/terraform-provider-ekssize" .)
  sed "s#$prov/ekssize#$prov/base#" "$out/dev.tfrc" > "$out/base.tfrc"
  echo "- baseline: $baseline = $(git rev-parse --short "$baseline")" >> "$out/baseline.txt"
fi

# The provider without each speed workaround, to check that each still pays
# for itself (and to delete it once upstream fixes what it works around).
ablations=""
if [ -n "${BENCH_ABLATE:-}" ]; then
  ablate() { # NAME FILE CONTENT: HEAD with FILE replaced by CONTENT
    local src; src=$(mktemp -d)
    git archive HEAD | tar -x -C "$src"
    printf '%s\n' "$3" > "$src/$2"
    (cd "$src" && build "$prov/$1/terraform-provider-ekssize" .)
    rm -rf "$src"
    sed "s#$prov/ekssize#$prov/$1#" "$out/dev.tfrc" > "$out/$1.tfrc"
    ablations+=" $1"
  }
  log "building the provider without its speed workarounds"
  ablate nocodec internal/provider/model_codec.go 'package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func getConfig(ctx context.Context, config tfsdk.Config, target any) diag.Diagnostics {
	return config.Get(ctx, target)
}

func setState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	return state.Set(ctx, model)
}

func objectFrom(ctx context.Context, typ types.ObjectType, model any) (types.Object, diag.Diagnostics) {
	return types.ObjectValueFrom(ctx, typ.AttrTypes, model)
}'
  ablate noserve main.go 'package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ekssize/terraform-provider-ekssize/internal/provider"
)

func main() {
	err := providerserver.Serve(context.Background(), provider.New("bench"),
		providerserver.ServeOpts{Address: "registry.terraform.io/ekssize/ekssize"})
	if err != nil {
		log.Fatal(err)
	}
}'
  ablate nolean main.go 'package main

import (
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ekssize/terraform-provider-ekssize/internal/provider"
	"github.com/ekssize/terraform-provider-ekssize/internal/serve"
)

func main() {
	serve.QuietSDKLogs()
	if err := tf6server.Serve("registry.terraform.io/ekssize/ekssize", providerserver.NewProtocol6(provider.New("bench")())); err != nil {
		log.Fatal(err)
	}
}'
  echo "- ablations (HEAD without a speed workaround):$ablations" >> "$out/baseline.txt"
fi

{
  echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(go version | cut -d' ' -f3-), $(terraform version | head -1)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  [ ! -f "$out/baseline.txt" ] || cat "$out/baseline.txt"
  [ ! -f "$out/compared.txt" ] || cat "$out/compared.txt"
} > "$summary"

# --- Go benchmarks -----------------------------------------------------------
if wants go; then
  # One test binary per package under internal/ (and the baseline's, with
  # BENCH_BASELINE), then $count rounds that run each binary once, alternating
  # head and baseline, so both see the same load.
  testbins() { # SRC OUTDIR: write "package-dir binary" lines for packages with tests
    local rel
    for rel in $(cd "$1" && go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ./internal/... | sed "s#^$1/##"); do
      (cd "$1" && go test -c -o "$2/${rel//\//_}.test" "./$rel") >&2
      echo "$1/$rel $2/${rel//\//_}.test"
    done
  }
  log "go test -bench (count $count, benchtime $benchtime$([ -n "$baseline" ] && echo ", alternating with the baseline"))"
  testbins "$here" "$out/gotest" > "$out/gotest.list"
  [ -z "$baseline" ] || testbins "$basesrc" "$out/gotest-base" > "$out/gotest-base.list"
  : > "$out/go-bench.txt"
  for ((i = 1; i <= count; i++)); do
    for list in gotest $([ -n "$baseline" ] && echo gotest-base); do
      while read -r dir bin; do
        (cd "$dir" && "$bin" -test.run '^$' -test.bench . -test.benchmem -test.count 1 -test.benchtime "$benchtime")
      done < "$out/$list.list" >> "$out/go-bench${list#gotest}.txt"
    done
  done
  (cd bench && go test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" ./noopprovider) >> "$out/go-bench.txt"
  bin/benchstat "$out/go-bench.txt" > "$out/go-benchstat.txt"
  {
    echo; echo "## Go benchmarks (medians of $count; benchstat: go-benchstat.txt)"; echo
    "$out/tools/report" go "$out/go-bench.txt"
  } >> "$summary"
  if [ -n "$baseline" ]; then
    bin/benchstat base="$out/go-bench-base.txt" head="$out/go-bench.txt" > "$out/go-benchstat-vs-base.txt"
    {
      echo; echo "## Go benchmarks against the baseline (benchstat base=$baseline head=HEAD, alternating runs)"; echo
      echo '```'; cat "$out/go-benchstat-vs-base.txt"; echo '```'
    } >> "$summary"
  fi
fi

# --- provider start-up -------------------------------------------------------
if wants startup; then
  log "provider start-up to handshake ($starts starts each)"
  {
    echo; echo "## Provider start-up: exec to go-plugin handshake ($starts starts each, alternating)"; echo
    "$out/tools/startup" -runs "$starts" -raw "$out/startup.tsv" \
      noop="$prov/noop/terraform-provider-noop" ekssize="$prov/ekssize/terraform-provider-ekssize"
  } >> "$summary"
fi

# --- configurations and correctness check ------------------------------------
# Variants (bench/gen): a hard-coded locals, b pure HCL, c no-op provider, w no-op
# with the ekssize_max_pods schema, d ekssize_max_pods reads, e the max_pods
# function, f one batched read, g ekssize_subnet_capacity reads, l local_file
# reads, i cloudinit_config reads. c@fw is c with the no-op served the old way
# (providerserver.Serve, the framework's defaults: SDK logs at TRACE).
cfg=$out/configs
variants200="a b c w d e f g"
[[ " $compared " == *" local "* ]] && variants200+=" l"
[[ " $compared " == *" cloudinit "* ]] && variants200+=" i"
others="" # configurations at the other sizes: a and c, plus d and f above one node group
for n in $sizes; do
  [ "$n" = 200 ] && continue
  others+=" a:$n c:$n"; [ "$n" = 1 ] || others+=" d:$n f:$n"
done
"$out/tools/gen" -eni internal/ec2data/testdata/eni-max-pods.txt -out "$cfg" \
  $(for v in $variants200; do echo "$v:200"; done) $others c:800 d:800 f:800

plan() { terraform -chdir="$1" plan -input=false -lock=false -no-color "${@:2}"; }
available=""
if wants e2e || wants memory || wants split; then
  log "checking that every variant plans and computes the same max_pods (200 node groups)"
  want=""
  for v in $variants200; do
    dir=$cfg/$v-200
    if ! plan "$dir" -out="$out/check-$v.tfplan" > "$out/check-$v.log" 2>&1; then
      cat "$out/check-$v.log" >&2; echo "error: variant $v does not plan" >&2; exit 1
    fi
    available="$available $v"
    [[ $v == c || $v == w ]] && continue # constant values by design
    got=$(terraform -chdir="$dir" show -json "$out/check-$v.tfplan" > "$out/check-$v.json" && "$out/tools/report" output "$out/check-$v.json")
    if [ -z "$want" ]; then want=$got; elif [ "$got" != "$want" ]; then
      echo "error: variant $v computes a different max_pods map than variant a" >&2; exit 1
    fi
  done
  BENCH_NOOP_SERVE=framework plan "$cfg/c-200" > "$out/check-c@fw.log" 2>&1 || {
    cat "$out/check-c@fw.log" >&2; echo "error: variant c@fw does not plan" >&2; exit 1
  }
  echo "variants available:$available c@fw" >&2
fi

# --- peak resident memory during a plan --------------------------------------
if wants memory; then
  log "peak resident memory during plans"
  # Wrap each provider in GNU time through a dev_overrides directory of its own;
  # Terraform starts a provider several times per plan, so keep the largest.
  wrap=$out/memwrap
  mkdir -p "$wrap"
  wrapper() { # DIR BINARY
    mkdir -p "$1"
    printf '#!/bin/sh\nexec /usr/bin/time -f %%M -a -o "$BENCH_RSS_FILE" %s "$@"\n' "$2" > "$1/$(basename "$2")"
    chmod +x "$1/$(basename "$2")"
  }
  wrapper "$wrap/ekssize" "$prov/ekssize/terraform-provider-ekssize"
  wrapper "$wrap/noop" "$prov/noop/terraform-provider-noop"
  sed -e "s#$prov/ekssize#$wrap/ekssize#" -e "s#$prov/noop\"#$wrap/noop\"#" "$out/dev.tfrc" > "$out/mem.tfrc"
  for b in $([ -n "$baseline" ] && echo base) $ablations; do
    wrapper "$wrap/$b" "$prov/$b/terraform-provider-ekssize"
    sed -e "s#$prov/ekssize#$wrap/$b#" -e "s#$prov/noop\"#$wrap/noop\"#" "$out/dev.tfrc" > "$out/mem-$b.tfrc"
  done
  {
    echo; echo "## Peak resident memory during \`terraform plan\` (median of 3 plans; largest provider process of each plan)"; echo
    echo "| variant | provider peak RSS (MiB) | terraform peak RSS (MiB) |"
    echo "|---|---:|---:|"
  } >> "$summary"
  for case in c-800 c@fw-800 d-200 d-800 f-800 g-200 \
    $([ -n "$baseline" ] && echo d@base-200 d@base-800 f@base-800 g@base-200) \
    $(for b in $ablations; do echo "d@$b-800"; done); do
    dir=$cfg/${case/@*-/-}; tfrc=$out/mem.tfrc serving= build=${case#*@}
    [[ $case == *@fw* ]] && serving=framework
    [[ $case == *@* && $case != *@fw* ]] && tfrc=$out/mem-${build%-*}.tfrc
    [ -d "$dir" ] || continue
    prov_kib=(); tf_kib=()
    for i in 1 2 3; do
      rss=$out/rss-$case-$i.txt; rm -f "$rss"
      BENCH_NOOP_SERVE=$serving BENCH_RSS_FILE=$rss TF_CLI_CONFIG_FILE=$tfrc /usr/bin/time -f %M -o "$out/tfrss-$case-$i.txt" \
        terraform -chdir="$dir" plan -input=false -lock=false -no-color > /dev/null
      prov_kib+=("$(sort -n "$rss" | tail -1)"); tf_kib+=("$(tail -1 "$out/tfrss-$case-$i.txt")")
    done
    med() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
    awk -v c="$case" -v p="$(med "${prov_kib[@]}")" -v t="$(med "${tf_kib[@]}")" \
      'BEGIN { printf "| %s | %.1f | %.1f |\n", c, p / 1024, t / 1024 }' >> "$summary"
  done
fi

# --- where a plan's CPU goes: Terraform against the providers ------------------
# The same plans again, each provider wrapped in GNU time so its processes' CPU
# is known: Terraform's own share is the plan's total less the providers'.
# `report split` then gives, for each end-to-end target, the best ratio any
# provider could reach (its processes costing what the reference's cost, in
# the same round): if that is above the target, only Terraform's work on the
# schema and results remains and no provider-side change can meet it.
if wants split; then
  splitcases=""
  for v in c w d f g l i; do [[ " $available " == *" $v "* ]] && splitcases+=" $v-200"; done
  [ ! -d "$cfg/c-1" ] || splitcases=" c-1$splitcases"
  log "CPU split, Terraform against providers: $runs rounds of ${splitcases# }"
  cpuwrap=$out/cpuwrap
  for dir in "$prov"/*/; do
    name=$(basename "$dir")
    for bin in "$dir"terraform-provider-*; do
      mkdir -p "$cpuwrap/$name"
      printf '#!/bin/sh\nexec /usr/bin/time -f "%%U %%S" -a -o "$BENCH_CPU_FILE" %s "$@"\n' "$bin" > "$cpuwrap/$name/$(basename "$bin")"
      chmod +x "$cpuwrap/$name/$(basename "$bin")"
    done
  done
  sed "s#$prov/#$cpuwrap/#" "$out/dev.tfrc" > "$out/split.tfrc"
  : > "$out/split.tsv"
  for ((r = 1; r <= runs; r++)); do
    for c in $(printf '%s\n' $splitcases | shuf); do
      cpufile=$out/split-cpu.txt; : > "$cpufile"
      BENCH_CPU_FILE=$cpufile TF_CLI_CONFIG_FILE=$out/split.tfrc /usr/bin/time -f "%U %S" -o "$out/split-total.txt" \
        terraform -chdir="$cfg/$c" plan -input=false -lock=false -no-color > /dev/null
      printf '%s\t%d\t%s\t%s\n' "$c" "$r" "$(awk '{ print $1 + $2 }' "$out/split-total.txt")" \
        "$(awk '{ s += $1 + $2 } END { print s + 0 }' "$cpufile")" >> "$out/split.tsv"
    done
  done
  {
    echo; echo "## Where a plan's CPU goes: Terraform against the providers ($runs interleaved rounds, medians)"; echo
    "$out/tools/report" split "$out/split.tsv"
  } >> "$summary"
fi

# --- end to end --------------------------------------------------------------
if wants e2e; then
  cmds=$out/e2e-commands.tsv
  tf="terraform -chdir=$cfg/%s plan -input=false -lock=false -no-color"
  {
    for v in $available; do printf "%s\t$tf\n" "$v-200" "$v-200"; done
    printf "c@fw-200\tenv BENCH_NOOP_SERVE=framework $tf\n" c-200
    for n in $sizes; do
      [ "$n" = 200 ] && continue
      for v in a c $([ "$n" = 1 ] || echo d f); do printf "%s\t$tf\n" "$v-$n" "$v-$n"; done
      [ "$n" = 1 ] && printf "c@fw-1\tenv BENCH_NOOP_SERVE=framework $tf\n" c-1
    done
    for b in $([ -n "$baseline" ] && echo base) $ablations; do
      vs="d f g"; [[ $b == noserve || $b == nolean ]] && vs=d
      for v in $vs; do printf "%s\tenv TF_CLI_CONFIG_FILE=$out/$b.tfrc $tf\n" "$v@$b-200" "$v-200"; done
    done
  } > "$cmds"
  log "terraform plan end to end: $(wc -l < "$cmds") variants interleaved, $runs rounds after 2 warm-up rounds"
  "$out/tools/interleave" -runs "$runs" -warmup 2 -json "$out/e2e.json" "$cmds"
  {
    echo; echo "## terraform plan end to end ($runs interleaved rounds, medians)"; echo
    "$out/tools/report" e2e "$out/e2e.json"
  } >> "$summary"
fi

echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
echo >&2
cat "$summary"
echo >&2
echo "raw results: $out" >&2

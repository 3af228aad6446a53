#!/usr/bin/env bash
# make bench: Go benchmarks (benchstat medians), provider start-up and memory,
# and `terraform plan` end to end through hyperfine, compared with a no-op
# framework provider and with plain HCL. Raw results go to bench/results/<UTC
# time>/ (gitignored; bench/results/latest points at the newest); the summary
# is printed and saved as summary.md there. Not part of `make test`.
#
# Installs what it lacks: hyperfine and GNU time from Debian (apt-get), benchstat
# through the Go module proxy into ./bin. Needs Go and Terraform on PATH.
#
# Knobs (environment):
#   BENCH_COUNT=10       go test -count
#   BENCH_TIME=500ms     go test -benchtime
#   BENCH_RUNS=10        hyperfine runs per variant (after 2 warm-up runs)
#   BENCH_STARTS=100     provider starts per binary for the start-up timing
#   BENCH_SKIP=          space-separated parts to skip: go startup memory e2e
#   BENCH_BASELINE=REV   also build the provider at git revision REV (e.g. main)
#                        and time/measure its d and f variants in the same runs,
#                        named d@base-200 and so on
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
count=${BENCH_COUNT:-10}
benchtime=${BENCH_TIME:-500ms}
runs=${BENCH_RUNS:-10}
starts=${BENCH_STARTS:-100}
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
command -v hyperfine >/dev/null || apt_install hyperfine
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
build "$prov/noop/terraform-provider-noop" ./bench/noopprovider
build "$prov/wide/terraform-provider-wide" ./bench/wideprovider
for t in gen startup report; do go build -o "$out/tools/$t" "./bench/$t"; done

cat > "$out/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/ekssize/ekssize" = "$prov/ekssize"
    "registry.terraform.io/bench/noop"      = "$prov/noop"
    "registry.terraform.io/bench/wide"      = "$prov/wide"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE=$out/dev.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

baseline=${BENCH_BASELINE:-}
if [ -n "$baseline" ]; then
  log "building the baseline provider at $baseline"
  src=$(mktemp -d)
  git archive "$baseline" | tar -x -C "$src"
  (cd "$src" && build "$prov/base/terraform-provider-ekssize" .)
  rm -rf "$src"
  sed "s#$prov/ekssize#$prov/base#" "$out/dev.tfrc" > "$out/base.tfrc"
  echo "- baseline: $baseline = $(git rev-parse --short "$baseline")" >> "$out/baseline.txt"
fi

{
  echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(go version | cut -d' ' -f3-), $(terraform version | head -1), $(hyperfine --version)"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  [ -z "$baseline" ] || cat "$out/baseline.txt"
} > "$summary"

# --- Go benchmarks -----------------------------------------------------------
if wants go; then
  log "go test -bench (count $count, benchtime $benchtime)"
  go test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" \
    ./internal/... ./bench/noopprovider > "$out/go-bench.txt"
  bin/benchstat "$out/go-bench.txt" > "$out/go-benchstat.txt"
  {
    echo; echo "## Go benchmarks (medians of $count; benchstat: go-benchstat.txt)"; echo
    "$out/tools/report" go "$out/go-bench.txt"
  } >> "$summary"
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
cfg=$out/configs
variants200="a b c w d e f g"
"$out/tools/gen" -eni internal/ec2data/testdata/eni-max-pods.txt -out "$cfg" \
  $(for v in $variants200; do echo "$v:200"; done) a:1 c:1 a:50 c:50 d:50 f:50 a:800 c:800 d:800 f:800

plan() { terraform -chdir="$1" plan -input=false -lock=false -no-color "${@:2}"; }
available=""
if wants e2e || wants memory; then
  log "checking that every variant plans and computes the same max_pods (200 node groups)"
  want=""
  for v in $variants200; do
    dir=$cfg/$v-200
    if ! plan "$dir" -out="$out/check-$v.tfplan" > "$out/check-$v.log" 2>&1; then
      case $v in
        e|g) echo "skipping ($v): it does not plan with this provider (not merged yet?); see check-$v.log" >&2; continue ;;
        *) cat "$out/check-$v.log" >&2; echo "error: variant $v does not plan" >&2; exit 1 ;;
      esac
    fi
    available="$available $v"
    [[ $v == c || $v == w ]] && continue # constant values by design
    got=$(terraform -chdir="$dir" show -json "$out/check-$v.tfplan" > "$out/check-$v.json" && "$out/tools/report" output "$out/check-$v.json")
    if [ -z "$want" ]; then want=$got; elif [ "$got" != "$want" ]; then
      echo "error: variant $v computes a different max_pods map than variant a" >&2; exit 1
    fi
  done
  echo "variants available:$available" >&2
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
  if [ -n "$baseline" ]; then
    wrapper "$wrap/base" "$prov/base/terraform-provider-ekssize"
    sed -e "s#$prov/ekssize#$wrap/base#" -e "s#$prov/noop\"#$wrap/noop\"#" "$out/dev.tfrc" > "$out/mem-base.tfrc"
  fi
  {
    echo; echo "## Peak resident memory during \`terraform plan\` (median of 3 plans; largest provider process of each plan)"; echo
    echo "| variant | provider peak RSS (MiB) | terraform peak RSS (MiB) |"
    echo "|---|---:|---:|"
  } >> "$summary"
  for case in c-800 d-200 d-800 f-800 $([[ $available == *g* ]] && echo g-200) \
    $([ -n "$baseline" ] && echo d@base-200 d@base-800 f@base-800); do
    dir=$cfg/${case/@base/}; tfrc=$out/mem.tfrc
    [[ $case == *@base* ]] && tfrc=$out/mem-base.tfrc
    [ -d "$dir" ] || continue
    prov_kib=(); tf_kib=()
    for i in 1 2 3; do
      rss=$out/rss-$case-$i.txt; rm -f "$rss"
      BENCH_RSS_FILE=$rss TF_CLI_CONFIG_FILE=$tfrc /usr/bin/time -f %M -o "$out/tfrss-$case-$i.txt" \
        terraform -chdir="$dir" plan -input=false -lock=false -no-color > /dev/null
      prov_kib+=("$(sort -n "$rss" | tail -1)"); tf_kib+=("$(tail -1 "$out/tfrss-$case-$i.txt")")
    done
    med() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
    awk -v c="$case" -v p="$(med "${prov_kib[@]}")" -v t="$(med "${tf_kib[@]}")" \
      'BEGIN { printf "| %s | %.1f | %.1f |\n", c, p / 1024, t / 1024 }' >> "$summary"
  done
fi

# --- end to end --------------------------------------------------------------
if wants e2e; then
  log "terraform plan end to end: one hyperfine run, $runs runs per variant"
  cmds=()
  for c in $(for v in $available; do echo "$v-200"; done) a-1 c-1 a-50 c-50 d-50 f-50 a-800 c-800 d-800 f-800; do
    cmds+=(-n "$c" "terraform -chdir=$cfg/$c plan -input=false -lock=false -no-color")
  done
  if [ -n "$baseline" ]; then
    for c in d-200 f-200 d-800 f-800; do
      cmds+=(-n "${c/-/@base-}" "env TF_CLI_CONFIG_FILE=$out/base.tfrc terraform -chdir=$cfg/$c plan -input=false -lock=false -no-color")
    done
  fi
  hyperfine -N --warmup 2 --runs "$runs" --style basic \
    --export-json "$out/e2e.json" --export-markdown "$out/e2e-hyperfine.md" "${cmds[@]}" > "$out/e2e-hyperfine.txt"
  {
    echo; echo "## terraform plan end to end (hyperfine, $runs runs each, one run for all variants)"; echo
    "$out/tools/report" e2e "$out/e2e.json"
  } >> "$summary"
fi

echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
echo >&2
cat "$summary"
echo >&2
echo "raw results: $out" >&2

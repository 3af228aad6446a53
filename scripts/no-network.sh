#!/usr/bin/env bash
# Proves the provider never opens a network connection and needs no
# credentials or environment:
#  1. applies examples/complete inside a fresh network namespace with no
#     interfaces up (unshare -n), with an empty environment apart from PATH,
#     HOME and the temporary Terraform CLI config;
#  2. traces every socket the provider process (and its children) create or
#     connect and fails on any that is not a Unix socket (go-plugin talks to
#     Terraform over a Unix socket).
#   scripts/no-network.sh BIN_DIR
set -euo pipefail
bin_dir=$(cd "${1:-bin}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in strace unshare terraform; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed (apt-get install strace util-linux)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A wrapper that Terraform starts instead of the provider: it runs the real
# binary under strace, so the trace covers exactly the provider's process tree.
mkdir -p "$tmp/plugin"
cat > "$tmp/plugin/terraform-provider-ekssize" <<WRAP
#!/bin/sh
exec strace -f -qq -e trace=socket,connect,bind,sendto -o "$tmp/trace" "$bin_dir/terraform-provider-ekssize" "\$@"
WRAP
chmod +x "$tmp/plugin/terraform-provider-ekssize"

run() {
  env -i PATH="$PATH" HOME="$tmp" "$here/scripts/with-dev-provider.sh" "$tmp/plugin" "$here/examples/complete" \
    terraform apply -auto-approve -input=false -no-color >"$tmp/apply.log" 2>&1
}
if unshare -n true 2>/dev/null; then
  echo "no-network: applying examples/complete in a network namespace with no network"
  export -f run; export tmp here
  unshare -n bash -c run || { cat "$tmp/apply.log"; exit 1; }
else
  echo "no-network: unshare -n is not permitted here; tracing only"
  run || { cat "$tmp/apply.log"; exit 1; }
fi
grep -q "Apply complete" "$tmp/apply.log" || { cat "$tmp/apply.log"; exit 1; }
[ -s "$tmp/trace" ] || { echo "error: the provider was not traced" >&2; exit 1; }
sockets=$(grep -cE '(socket|connect|bind)\(' "$tmp/trace" || true)
if grep -E '(socket|connect|bind|sendto)\(' "$tmp/trace" | grep -vE 'AF_UNIX|AF_LOCAL|sa_family=AF_UNIX' | grep -E 'AF_INET|AF_INET6|AF_NETLINK|AF_PACKET'; then
  echo "error: the provider opened a non-Unix socket (above)" >&2
  exit 1
fi
echo "no-network: ok; the provider made $sockets socket/connect/bind calls, all on Unix sockets, with no network and an empty environment"

#!/bin/sh
# Checks the README's two commands on a fresh Debian 12 (bookworm): a minbase chroot
# with only what rustup itself needs (ca-certificates, git to clone), this machine's
# Rust toolchain mounted read-only (as `rustup` would install it), and an empty cargo
# home. Then: the main job with a C compiler only (no pkg-config, no OpenSSL headers),
# the README's `apt-get` line, and the test command.
#
# Needs root and debootstrap: sudo tools/fresh-debian.sh [DIR]. The host's extra CA
# certificates (a registry proxy's) are copied in, so that crates.io answers as it
# does on the host. Takes a clean clone of HEAD. The outbox tests start their own
# PostgreSQL on port 54329 (PGPORT=… when that port is taken on the host).
set -eu
root=${1:-/tmp/fresh-debian}
repo=$(git rev-parse --show-toplevel)
[ -d "$root/usr" ] || debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
mkdir -p "$root/root/.rustup" "$root/root/.cargo/bin"
mount --bind -o ro "$HOME/.rustup" "$root/root/.rustup"
mount --bind -o ro "$HOME/.cargo/bin" "$root/root/.cargo/bin"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
# Lazily: a process the tests left (none should) must not fail the run.
trap 'umount -l "$root/root/.rustup" "$root/root/.cargo/bin" "$root/proc" "$root/dev"' EXIT
cp /etc/resolv.conf "$root/etc/"
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
rm -rf "$root/root/sms-gateways" "$root/root/fresh-cargo"
git clone -q "$repo" "$root/root/sms-gateways"
chroot "$root" /bin/sh -eu -c '
  export PATH=/root/.cargo/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
  export RUSTUP_HOME=/root/.rustup CARGO_HOME=/root/fresh-cargo
  # As on the host: cargo reads the system CA bundle (with the proxy'"'"'s CA, if any).
  export SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
  apt-get update -q >/dev/null
  apt-get install -y -q ca-certificates git gcc libc6-dev >/dev/null
  update-ca-certificates >/dev/null
  cd /root/sms-gateways
  echo "== main job, C compiler only"
  cargo run -q -p sms-cli -- demo >/dev/null
  echo "== the README line"
  apt-get install -y -q build-essential pkg-config libssl-dev chromium-headless-shell postgresql >/dev/null
  echo "== tests"
  status=0
  cargo test -q --workspace --all-features 2>&1 | grep -E "^test result" | awk "{p+=\$4; f+=\$6} END {print p, \"passed,\", f, \"failed\"; exit f > 0}" || status=$?
  # The PostgreSQL the outbox tests started (PGPORT/PGDIR as they had them).
  bash tools/postgres.sh stop || true
  exit $status
'

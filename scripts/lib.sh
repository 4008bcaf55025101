# Shared helpers for the scripts in this folder: messages, package installs, and the
# environment of the WebAssembly build. Sourced, not run.

# Tools that `cargo install` puts in place must be found by every later step.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '\n\033[1;32m==>\033[0m %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf '\n\033[1;31merror:\033[0m %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# Root runs apt-get directly; anyone else goes through sudo.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_updated=0
# Installs the named Debian packages that are not installed yet.
apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  have apt-get || die "this step needs ${missing[*]}; install them with your system's package manager"
  if [ "$apt_updated" -eq 0 ]; then
    note "apt-get update"
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  note "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Debian route to wasm (see README, "How the WebAssembly build works"): Debian's
# rustc with its standard-library source, std built for wasm32 by cargo itself.
debian_wasm_ready() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] && have rust-lld
}

rustup_wasm_ready() {
  have rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

# Exports what a wasm build needs on this machine. Call after scripts/setup.
wasm_env() {
  if rustup_wasm_ready; then
    export CARGO_TARGET_DIR="$PWD/target/wasm"
  elif debian_wasm_ready; then
    # /usr/bin first so Debian's cargo and rustc (which have the std source) are used;
    # a target directory of its own so the two compilers never rebuild each other's
    # host artifacts; build-std through the environment so native builds never see it.
    export PATH="/usr/bin:$PATH"
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export CARGO_TARGET_DIR="$PWD/target/wasm-debian"
  else
    die "no WebAssembly toolchain: run scripts/setup first"
  fi
}

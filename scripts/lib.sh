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
  # RUSTFLAGS replaces .cargo/config.toml's wasm rustflags, so it repeats them: no
  # reference types (see there), and type-erased Leptos components for a smaller download.
  export RUSTFLAGS="-Ctarget-feature=-reference-types --cfg=erase_components"
  if rustup_wasm_ready; then
    export CARGO_TARGET_DIR="$PWD/target/wasm"
  elif debian_wasm_ready; then
    # The standard library is compiled here too, so it can leave out panic locations and
    # Debug formatting the app never shows.
    RUSTFLAGS="$RUSTFLAGS -Zlocation-detail=none -Zfmt-debug=none"
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

# Starts a throwaway PostgreSQL server on loopback for the storage tests and exports
# PARKATLAS_TEST_POSTGRES (a superuser URL); the server stops when the calling shell
# exits. Returns non-zero, starting nothing, when PostgreSQL is not installed.
start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || return 1
  PG_TEST_DIR=$(mktemp -d)
  chmod 755 "$PG_TEST_DIR"
  local as_owner=()
  # PostgreSQL refuses to run as root; Debian's package provides the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_TEST_DIR"
    as_owner=(runuser -u postgres --)
  fi
  local port=$((20000 + RANDOM % 20000))
  "${as_owner[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -A trust -U postgres >"$PG_TEST_DIR/initdb.log" 2>&1 || return 1
  # fsync off: a test server's data is thrown away, and syncing would only slow the suite.
  "${as_owner[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null || return 1
  PG_TEST_STOP=("${as_owner[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop)
  trap 'stop_test_postgres' EXIT
  export PARKATLAS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_test_postgres() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  "${PG_TEST_STOP[@]}" >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}

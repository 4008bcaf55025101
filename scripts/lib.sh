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

# Two routes lead to a wasm build (README, "How the WebAssembly build works"):
#   rustup  rustup's prebuilt standard library for wasm32-unknown-unknown;
#   debian  Debian's rustc-web with its standard-library source, std built for wasm32 by cargo.
# PARKATLAS_WASM_ROUTE=rustup|debian chooses one; unset (or auto), rustup wins where it is installed.
WASM_ROUTES="rustup debian"

rustup_wasm_ready() {
  have rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

debian_wasm_ready() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] && have rust-lld
}

route_ready() { # route
  "${1}_wasm_ready"
}

# The route the user asked for (rustup, debian or auto); dies on anything else.
requested_wasm_route() {
  local route=${PARKATLAS_WASM_ROUTE:-auto}
  case "$route" in
    auto | rustup | debian) echo "$route" ;;
    *) die "PARKATLAS_WASM_ROUTE=$route: known routes are rustup, debian and auto" ;;
  esac
}

# The route a wasm build takes now: the requested one, or the first installed one.
wasm_route() {
  local requested route
  requested=$(requested_wasm_route)
  if [ "$requested" != auto ]; then
    route_ready "$requested" || die "the $requested wasm route is not installed: run scripts/setup first"
    echo "$requested"
    return
  fi
  for route in $WASM_ROUTES; do
    route_ready "$route" && echo "$route" && return
  done
  die "no WebAssembly toolchain: run scripts/setup first"
}

other_wasm_route() { # route
  local route
  for route in $WASM_ROUTES; do [ "$route" = "$1" ] || echo "$route"; done
}

# Exports what a wasm build by the given route (default: wasm_route) needs.
wasm_env() { # [route]
  local route
  route=${1:-$(wasm_route)} || return 1
  # RUSTFLAGS replaces .cargo/config.toml's wasm rustflags, so it repeats them.
  # On the rustup route reference types stay on (rustc's default, and what the prebuilt
  # std has: wasm-bindgen cannot link crates without them to it); only a current wasm-opt
  # handles wasm-bindgen's externref table, so binaryen comes from npm (package.json)
  # instead of Debian's 108, and its node_modules/.bin goes first on PATH.
  export RUSTFLAGS="--cfg=erase_components"
  export PATH="$PWD/node_modules/.bin:$PATH"
  export PARKATLAS_WASM_ROUTE_USED=$route
  case "$route" in
    rustup)
      export CARGO_TARGET_DIR="$PWD/target/wasm"
      ;;
    debian)
      # The standard library is compiled here too, with the app's flags, so it can leave out
      # what the app never uses (a prebuilt std cannot). Measured on the public wasm, brotli:
      #   -Zlocation-detail=none -Zfmt-debug=none: panic locations, Debug formatting (~16 KB);
      #   -Cpanic=immediate-abort: the panic machinery and messages (~10 KB): a panic traps
      #     at once, and the console shows only "unreachable", never the panic message
      #     (console_error_panic_hook is not reached; on the rustup route it still is);
      #   -Ctarget-feature=-reference-types: std and app alike without them, so wasm-bindgen
      #     keeps JS values in a JS array instead of an externref table (~1.3 KB with its glue).
      RUSTFLAGS="$RUSTFLAGS -Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
      RUSTFLAGS="$RUSTFLAGS -Ctarget-feature=-reference-types"
      # /usr/bin before the rustup proxies so Debian's cargo and rustc (which have the std
      # source) are used; a target directory of its own so the two compilers never rebuild
      # each other's host artifacts; build-std through the environment so native builds
      # never see it.
      export PATH="$PWD/node_modules/.bin:/usr/bin:$PATH"
      export RUSTC_BOOTSTRAP=1
      export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      # std's optimize_for_size feature: smaller sorts (heapsort, merge sort), integer
      # formatting and float parsing in core (~3.5 KB brotli), with the same results; the map
      # benchmark's draw of 10,000 parcels, which parses every coordinate, stayed within its
      # noise. Naming features replaces std's default ones (panic-unwind), which a build whose
      # panics abort never uses.
      export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
      export CARGO_TARGET_DIR="$PWD/target/wasm-debian"
      ;;
  esac
}

# Servers that start_server started; stop_servers (a script's EXIT trap) stops them.
server_pids=()

# Starts the release server on loopback in the background and waits until it answers.
start_server() { # port, database file, log file, more `serve` options
  RUST_LOG=warn target/release/parkatlas serve --port "$1" --database-url "sqlite://$2" "${@:4}" >>"$3" 2>&1 &
  server_pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done
  die "the server on port $1 did not answer (see $3)"
}

stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  server_pids=()
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

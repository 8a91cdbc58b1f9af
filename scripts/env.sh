# Sourced by the scripts: where the tools are, and settings that keep every tool offline.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# Pinned tool versions. wasm-bindgen-cli follows Cargo.lock (see scripts/setup).
TRUNK_VERSION=0.21.14

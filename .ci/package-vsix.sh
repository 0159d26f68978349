#!/usr/bin/env bash
# Packages editors/vscode as a platform-specific .vsix that bundles a floe-lint server, as Ruff's
# extension does (the extension starts bundled/bin/floe-lint unless floeLint.path or
# floeLint.importStrategy say otherwise).
#   .ci/package-vsix.sh TARGET BINARY OUT
#     TARGET  a VS Code platform: linux-x64, linux-arm64, alpine-x64, alpine-arm64, darwin-x64,
#             darwin-arm64, win32-x64
#     BINARY  the floe-lint executable built for that platform (the one in the wheel)
#     OUT     the .vsix to write
# Needs editors/vscode/node_modules (npm ci --ignore-scripts). Used by .ci/vscode.sh and by
# .github/workflows/release.yml.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 TARGET BINARY OUT" >&2; exit 2; }
target=$1
binary=$(readlink -f "$2")
out=$(readlink -f "$(dirname "$3")")/$(basename "$3")
[ -f "$binary" ] || { echo "no such binary: $2" >&2; exit 2; }
exe=floe-lint
case "$target" in
  win32-*) exe=floe-lint.exe ;;
  linux-* | alpine-* | darwin-*) ;;
  *) echo "unknown VS Code target: $target" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../editors/vscode"
# bundled/ exists only while packaging (and is ignored by git).
rm -rf bundled
trap 'rm -rf bundled' EXIT
mkdir -p bundled/bin
cp "$binary" "bundled/bin/$exe"
chmod 755 "bundled/bin/$exe"
node_modules/.bin/vsce package --no-dependencies --target "$target" --out "$out"
# The server must be inside, executable, and the manifest must name the target.
listing=$(unzip -Z "$out")
grep -Eq "^-rwx.* extension/bundled/bin/$exe\$" <<<"$listing" ||
  { echo "$out: extension/bundled/bin/$exe missing or not executable" >&2; exit 1; }
unzip -p "$out" extension.vsixmanifest | grep -q "TargetPlatform=\"$target\"" ||
  { echo "$out: the manifest does not name target $target" >&2; exit 1; }

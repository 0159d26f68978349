#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's fixtures (tests/fixtures/**/*.yaml|yml), in each
# target's input format. The corpus is generated, not committed (fuzz/.gitignore): run this before
# `cargo fuzz run`. Re-running adds the seeds again (file names are content hashes) and keeps
# whatever libFuzzer has added since.
#
#   yaml             every fixture, as is
#   check_pair, fix  `floe.yaml 0xFF platform.yaml` (environment `prod`; 0xFE: `local`): each
#                    project's floe.yaml with each of its platform.yaml files, every upstream
#                    floe.yaml with every upstream platform.yaml, and every fixture alone as
#                    floe.yaml (no separator) and as platform.yaml (empty floe.yaml)
#   reparse          `old 0xFF new`: each fixture and a small edit of it (a character typed after
#                    a value, a line break with indentation, a line removed)
#   lsp_frames       LSP frames opening each fixture (didOpen), plus a few broken frames
# and two libFuzzer dictionaries: fuzz/corpus/yaml.dict, fuzz/corpus/lsp_frames.dict.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

FIXTURES=tests/fixtures
OUT=fuzz/corpus
mkdir -p "$OUT/yaml" "$OUT/reparse" "$OUT/check_pair" "$OUT/fix" "$OUT/lsp_frames"

# put TARGET...: stores standard input under its SHA-1 in each target's corpus.
put() {
  local tmp sum target
  tmp=$(mktemp)
  cat >"$tmp"
  sum=$(sha1sum <"$tmp" | cut -c1-40)
  for target in "$@"; do cp "$tmp" "$OUT/$target/$sum"; done
  rm -f "$tmp"
}

mapfile -t files < <(find "$FIXTURES" -type f \( -name '*.yaml' -o -name '*.yml' \) \
  -not -path "$FIXTURES/fuzz-regressions/*" | sort)

for f in "${files[@]}"; do
  put yaml <"$f"
  put check_pair fix <"$f"
  { printf '\377'; cat "$f"; } | put check_pair fix
done

# Each project's floe.yaml against its own environments (platform/<env>/platform.yaml or beside it).
while IFS= read -r floe; do
  dir=$(dirname "$floe")
  while IFS= read -r platform; do
    { cat "$floe"; printf '\377'; cat "$platform"; } | put check_pair fix
    { cat "$floe"; printf '\376'; cat "$platform"; } | put check_pair fix
  done < <(find "$dir" -name platform.yaml \
    \( -path "$dir/platform.yaml" -o -path "$dir/platform/*" \) | sort)
done < <(find "$FIXTURES" -name floe.yaml -not -path "$FIXTURES/fuzz-regressions/*" | sort)

# Upstream's floe.yaml files against upstream's platform.yaml files (flattened names).
for floe in "$FIXTURES"/upstream/*floe.yaml; do
  for platform in "$FIXTURES"/upstream/*platform.yaml; do
    { cat "$floe"; printf '\377'; cat "$platform"; } | put check_pair fix
  done
done

# reparse: each fixture before and after an edit someone might make while typing.
python3 - "$OUT/reparse" "${files[@]}" <<'PY'
import hashlib, sys
out, files = sys.argv[1], sys.argv[2:]
for path in files:
    old = open(path, "rb").read()
    at = old.find(b": ")
    value = at + 2 if at >= 0 else len(old)
    eol = old.find(b"\n", value)
    eol = eol if eol >= 0 else len(old)
    line = old.rfind(b"\n", 0, eol) + 1
    for new in (old[:value] + b"x" + old[value:],
                old[:eol] + b"\n  k: v" + old[eol:],
                old[:line] + old[eol + 1:]):
        data = old + b"\xff" + new
        open(f"{out}/{hashlib.sha1(data).hexdigest()}", "wb").write(data)
PY

# lsp_frames: a client session's worth of frames, each fixture opened in it.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
{ frame "$init"; frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'; } | put lsp_frames
{ printf 'Content-Length: 5\r\n\r\nnope!'; frame "$init"; } | put lsp_frames
# Stray blank lines, a lower-case header with another beside it; a frame with no Content-Length.
printf '\r\n\r\ncontent-length:2\r\nContent-Type: x\r\n\r\n[]X: 1\r\n\r\n{}' | put lsp_frames
{ printf 'Content-Length: 99999999999\r\n\r\n{}'; } | put lsp_frames
# Each fixture as a didOpen after initialize (json.dumps escapes to ASCII: lengths are bytes).
python3 - "$OUT/lsp_frames" "$init" "${files[@]}" <<'PY'
import hashlib, json, sys
out, init, files = sys.argv[1], sys.argv[2], sys.argv[3:]
frame = lambda body: b"Content-Length: %d\r\n\r\n" % len(body) + body
for path in files:
    text = open(path, encoding="utf-8", errors="replace").read()
    body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": "file:///p/platform.yaml", "languageId": "yaml", "version": 1,
                         "text": text}}}, separators=(",", ":"))
    data = frame(init.encode()) + frame(body.encode())
    open(f"{out}/{hashlib.sha1(data).hexdigest()}", "wb").write(data)
PY

# Dictionaries (libFuzzer `-dict=`): YAML's syntax and every key and enum value of floe-lint's
# generated JSON Schemas, so mutations speak floe; the LSP framing's words for lsp_frames.
python3 - "$OUT/yaml.dict" schemas/*.schema.json <<'PY'
import json, sys
out, schemas = sys.argv[1], sys.argv[2:]
words = {"---", "...", "- ", ": ", "? ", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "!!binary ",
         "!!map", "!!set", "!!timestamp ", "!x ", "%YAML 1.2", "%TAG ! tag:x,2024:", "|-", ">+",
         "{", "}", "[", "]", ", ", "#", "~", "null", "true", "yes", "on", ".inf", ".nan", "0x1F",
         "0o17", "1e3", "2024-01-01", "\t", "\r\n", "\ufeff", "\\x00", "\\u00e9",
         "# floe-lint: ignore[FL300] ", "# floe-lint: ignore-file[FL400]", "${SECRET}",
         "{{ env_var('NAME') }}", "secret_ref", "http://", "https://", "s3://", "localhost"}
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                words.update(f"{name}: " for name in value)
            if key in ("enum", "const"):
                words.update(str(v) for v in (value if isinstance(value, list) else [value])
                             if isinstance(v, str))
            walk(value)
    elif isinstance(node, list):
        for item in node:
            walk(item)
for schema in schemas:
    walk(json.load(open(schema)))
# libFuzzer's dictionary syntax: printable ASCII as is, any other byte (and " and \) as \xHH.
escape = lambda w: "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else "\\x%02X" % b
                           for b in w.encode())
with open(out, "w") as f:
    for word in sorted(words):
        f.write('"%s"\n' % escape(word))
PY
printf '%s\n' '"Content-Length: "' '"content-length:"' '"Content-Type: "' '"\x0D\x0A"' \
  '"\x0D\x0A\x0D\x0A"' '"{\x22jsonrpc\x22:\x222.0\x22,"' '"\x22id\x22:"' '"\x22method\x22:"' \
  '"\x22params\x22:"' '"null"' '"[]"' '"{}"' '"initialize"' '"textDocument/didChange"' \
  >"$OUT/lsp_frames.dict"

for target in yaml reparse check_pair fix lsp_frames; do
  echo "fuzz/corpus/$target: $(find "$OUT/$target" -type f | wc -l) inputs"
done

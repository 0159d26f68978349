import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { expandPath, resolveBinary, type ResolveInput } from "../src/binary";

function input(over: Partial<ResolveInput> & { files?: string[] }): ResolveInput {
  const files = new Set(over.files ?? []);
  return {
    configured: "",
    envPath: "",
    home: "/home/dev",
    platform: "linux",
    workspaceFolder: "/work/project",
    isExecutable: (f) => files.has(f),
    ...over,
  };
}

describe("expandPath", () => {
  const ctx = { home: "/home/dev", platform: "linux" as const, workspaceFolder: "/work/project" };
  it("expands ~, ${userHome} and ${workspaceFolder}", () => {
    assert.equal(expandPath("~/bin/floe-lint", ctx), "/home/dev/bin/floe-lint");
    assert.equal(expandPath("~", ctx), "/home/dev");
    assert.equal(expandPath("${userHome}/x", ctx), "/home/dev/x");
    assert.equal(expandPath("${workspaceFolder}/target/debug/floe-lint", ctx), "/work/project/target/debug/floe-lint");
  });
  it("resolves a relative path against the workspace folder", () => {
    assert.equal(expandPath("target/release/floe-lint", ctx), "/work/project/target/release/floe-lint");
    assert.equal(expandPath("./a/../b", ctx), "/work/project/b");
  });
  it("keeps absolute paths, trims, and leaves empty empty", () => {
    assert.equal(expandPath("  /opt/floe-lint ", ctx), "/opt/floe-lint");
    assert.equal(expandPath("   ", ctx), "");
  });
  it("leaves a relative path alone without a workspace folder", () => {
    assert.equal(expandPath("bin/floe-lint", { home: "/h", platform: "linux" }), "bin/floe-lint");
  });
  it("uses Windows paths on win32", () => {
    const win = { home: "C:\\Users\\dev", platform: "win32" as const, workspaceFolder: "C:\\src\\p" };
    assert.equal(expandPath("~\\bin\\floe-lint.exe", win), "C:\\Users\\dev\\bin\\floe-lint.exe");
    assert.equal(expandPath("tools\\floe-lint.exe", win), "C:\\src\\p\\tools\\floe-lint.exe");
  });
});

describe("resolveBinary", () => {
  it("uses floeLint.path when it is executable", () => {
    const r = resolveBinary(input({ configured: "~/.cargo/bin/floe-lint", files: ["/home/dev/.cargo/bin/floe-lint"] }));
    assert.deepEqual(r, { ok: true, path: "/home/dev/.cargo/bin/floe-lint", source: "setting" });
  });
  it("does not fall back to PATH when floeLint.path is wrong", () => {
    const r = resolveBinary(
      input({ configured: "/nope/floe-lint", envPath: "/usr/bin", files: ["/usr/bin/floe-lint"] }),
    );
    assert.deepEqual(r, { ok: false, reason: "setting-missing", configured: "/nope/floe-lint", path: "/nope/floe-lint" });
  });
  it("searches PATH in order, skipping empty entries", () => {
    const r = resolveBinary(
      input({
        envPath: "/a::/b:/c",
        files: ["/b/floe-lint", "/c/floe-lint"],
      }),
    );
    assert.deepEqual(r, { ok: true, path: "/b/floe-lint", source: "PATH" });
  });
  it("treats a blank setting as unset", () => {
    const r = resolveBinary(input({ configured: "  ", envPath: "/usr/local/bin", files: ["/usr/local/bin/floe-lint"] }));
    assert.equal(r.ok && r.source, "PATH");
  });
  it("reports every directory searched when not found", () => {
    const r = resolveBinary(input({ envPath: "/a:/b" }));
    assert.deepEqual(r, { ok: false, reason: "not-on-path", searched: ["/a", "/b"] });
  });
  it("uses PATHEXT and ; on Windows", () => {
    const r = resolveBinary(
      input({
        platform: "win32",
        envPath: "C:\\tools;C:\\cargo\\bin",
        pathExt: ".COM;.EXE",
        files: ["C:\\cargo\\bin\\floe-lint.exe"],
      }),
    );
    assert.deepEqual(r, { ok: true, path: "C:\\cargo\\bin\\floe-lint.exe", source: "PATH" });
  });
});

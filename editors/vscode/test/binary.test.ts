import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { bundledPath, describeSource, expandPath, importStrategy, resolveBinary, type ResolveInput } from "../src/binary";

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

describe("resolveBinary with a bundled server (floeLint.importStrategy)", () => {
  const bundled = "/ext/floe-lint/bundled/bin/floe-lint";
  it("uses the bundled server by default, even with floe-lint on PATH", () => {
    const r = resolveBinary(input({ bundled, envPath: "/usr/bin", files: [bundled, "/usr/bin/floe-lint"] }));
    assert.deepEqual(r, { ok: true, path: bundled, source: "bundled" });
    assert.equal(describeSource("bundled"), "bundled with the extension");
  });
  it("fromEnvironment prefers PATH and falls back to the bundled server", () => {
    const both = input({ strategy: "fromEnvironment", bundled, envPath: "/usr/bin", files: [bundled, "/usr/bin/floe-lint"] });
    assert.deepEqual(resolveBinary(both), { ok: true, path: "/usr/bin/floe-lint", source: "PATH" });
    const bundledOnly = input({ strategy: "fromEnvironment", bundled, envPath: "/usr/bin", files: [bundled] });
    assert.deepEqual(resolveBinary(bundledOnly), { ok: true, path: bundled, source: "bundled", fallback: true });
  });
  it("useBundled in a .vsix without a server falls back to PATH, and says so", () => {
    const r = resolveBinary(input({ bundled, envPath: "/usr/bin", files: ["/usr/bin/floe-lint"] }));
    assert.deepEqual(r, { ok: true, path: "/usr/bin/floe-lint", source: "PATH", fallback: true });
    assert.match(describeSource("PATH", true), /bundles no server/);
  });
  it("floeLint.path wins over both, and is not replaced when wrong", () => {
    const set = input({ configured: "/opt/floe-lint", bundled, files: [bundled, "/opt/floe-lint"] });
    assert.equal(resolveBinary(set).ok && (resolveBinary(set) as { source: string }).source, "setting");
    const wrong = input({ configured: "/nope", bundled, files: [bundled] });
    assert.equal(resolveBinary(wrong).ok, false);
  });
  it("reports PATH when there is neither", () => {
    const r = resolveBinary(input({ bundled, envPath: "/a" }));
    assert.deepEqual(r, { ok: false, reason: "not-on-path", searched: ["/a"] });
  });
  it("reads the setting and lays out the bundled path per platform", () => {
    assert.equal(importStrategy("fromEnvironment"), "fromEnvironment");
    assert.equal(importStrategy("bogus"), "useBundled");
    assert.equal(importStrategy(undefined), "useBundled");
    assert.equal(bundledPath("/ext", "linux"), "/ext/bundled/bin/floe-lint");
    assert.equal(bundledPath("C:\\ext", "win32"), "C:\\ext\\bundled\\bin\\floe-lint.exe");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  DOCUMENT_SELECTOR,
  FLOE_FILE,
  FLOE_FILES,
  declaresFloeManifest,
  isFloeFile,
  resultText,
  serverArgs,
  serverSettings,
  uriArgument,
} from "../src/settings";

const ctx = { home: "/home/dev", platform: "linux" as const, workspaceFolder: "/work/project" };

describe("serverSettings", () => {
  it("sends nothing for VS Code's defaults", () => {
    const defaults = { path: "", args: [], environment: "", platformFile: "", select: [], ignore: [], configPath: "", manifestFile: "" };
    assert.deepEqual(serverSettings(defaults, ctx), {});
    assert.deepEqual(serverSettings({}, ctx), {});
  });
  it("maps every setting to the camelCase key the server reads", () => {
    const out = serverSettings(
      {
        path: "/ignored/floe-lint",
        args: ["--ignored"],
        environment: " prod ",
        platformFile: "platform/prod/platform.yaml",
        select: ["FL1", " FL200 ", ""],
        ignore: ["FL407"],
        configPath: "~/floe/.floe-lint.toml",
        manifestFile: "${workspaceFolder}/platform/manifest.yaml",
      },
      ctx,
    );
    assert.deepEqual(out, {
      environment: "prod",
      platformFile: "/work/project/platform/prod/platform.yaml",
      select: ["FL1", "FL200"],
      ignore: ["FL407"],
      configPath: "/home/dev/floe/.floe-lint.toml",
      manifestFile: "/work/project/platform/manifest.yaml",
    });
    assert.deepEqual(Object.keys(out).sort(), [
      "configPath",
      "environment",
      "ignore",
      "manifestFile",
      "platformFile",
      "select",
    ]);
  });
  it("accepts comma-separated rule lists and drops values of the wrong type", () => {
    assert.deepEqual(serverSettings({ select: "FL1, FL2", ignore: [3, "FL3"], environment: 7 }, ctx), {
      select: ["FL1", "FL2"],
      ignore: ["FL3"],
    });
  });
  it("expands ${workspaceFolder} in paths", () => {
    assert.deepEqual(serverSettings({ platformFile: "${workspaceFolder}/p.yaml" }, ctx), {
      platformFile: "/work/project/p.yaml",
    });
  });
  it("is JSON the server can take as initializationOptions", () => {
    const out = serverSettings({ environment: "local", select: ["FL102"] }, ctx);
    assert.equal(JSON.stringify(out), '{"environment":"local","select":["FL102"]}');
  });
});

describe("serverArgs", () => {
  it("runs `lsp` followed by floeLint.args", () => {
    assert.deepEqual(serverArgs({}), ["lsp"]);
    assert.deepEqual(serverArgs({ args: ["--x", "", 3, "y"] }), ["lsp", "--x", "y"]);
    assert.deepEqual(serverArgs({ args: "--x" }), ["lsp"]);
  });
});

describe("file patterns", () => {
  it("match floe.yaml, platform.yaml and manifest.yaml only", () => {
    for (const p of ["/p/floe.yaml", "/p/floe.yml", "/p/platform/prod/platform.yaml", "C:\\p\\platform.yml", "floe.yaml", "/p/manifest.yaml"]) {
      assert.ok(FLOE_FILES.test(p), p);
    }
    for (const p of ["/p/myfloe.yaml", "/p/floe.yaml.bak", "/p/profiles.yml", "/p/.github/workflows/ci.yaml"]) {
      assert.ok(!FLOE_FILES.test(p), p);
    }
    assert.ok(FLOE_FILE.test("/p/floe.yml"));
    assert.ok(!FLOE_FILE.test("/p/platform.yaml"));
  });
  it("select file-scheme documents by name", () => {
    assert.deepEqual(DOCUMENT_SELECTOR, [
      { scheme: "file", pattern: "**/floe.{yaml,yml}" },
      { scheme: "file", pattern: "**/platform.{yaml,yml}" },
      { scheme: "file", pattern: "**/manifest.{yaml,yml}" },
    ]);
  });
  it("take a manifest.yaml only when its content is floe's", () => {
    assert.ok(declaresFloeManifest("apiVersion: floe.dev/v1\nkind: Manifest\n"));
    assert.ok(declaresFloeManifest("# platform\nkind: 'Manifest'  # floe\nmetadata: {}\n"));
    assert.ok(!declaresFloeManifest("apiVersion: apps/v1\nkind: Deployment\n"));
    assert.ok(!declaresFloeManifest("kind: ManifestList\n"));
    assert.ok(isFloeFile("/p/manifest.yaml", () => "apiVersion: floe.dev/v1\nkind: Manifest\n"));
    assert.ok(!isFloeFile("/p/k8s/manifest.yml", () => "apiVersion: v1\nkind: ConfigMap\n"));
    // Other floe files are taken by name, without reading them.
    assert.ok(isFloeFile("/p/floe.yaml", () => assert.fail("read")));
  });
});

describe("command results and arguments", () => {
  it("shows a string result as is, objects by their text or as JSON", () => {
    assert.equal(resultText("orders:\n  target: local\n"), "orders:\n  target: local\n");
    assert.equal(resultText({ text: "a: 1\n" }), "a: 1\n");
    assert.equal(resultText({ ok: true }), '{\n  "ok": true\n}');
    assert.equal(resultText(null), "");
  });
  it("takes the floe.yaml URI from a string or a Uri argument", () => {
    assert.equal(uriArgument(["file:///p/floe.yaml"]), "file:///p/floe.yaml");
    const uriLike = { scheme: "file", toString: () => "file:///q/floe.yaml" };
    assert.equal(uriArgument([uriLike]), "file:///q/floe.yaml");
    assert.equal(uriArgument([]), undefined);
    assert.equal(uriArgument(undefined), undefined);
    assert.equal(uriArgument([{}]), undefined);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { checkVersion, compareVersions, MIN_VERSION, parseVersion } from "../src/version";

describe("parseVersion", () => {
  it("reads `floe-lint --version`", () => {
    const v = parseVersion("floe-lint 0.1.0\n");
    assert.deepEqual(v, { major: 0, minor: 1, patch: 0, pre: "", text: "0.1.0" });
  });
  it("reads pre-releases, build metadata, a v prefix and a bare version", () => {
    assert.equal(parseVersion("floe-lint 0.2.0-rc.1+g1234")?.pre, "rc.1");
    assert.equal(parseVersion("floe-lint v1.2.3")?.text, "1.2.3");
    assert.equal(parseVersion("10.20.30")?.minor, 20);
  });
  it("rejects output without a version", () => {
    assert.equal(parseVersion(""), undefined);
    assert.equal(parseVersion("error: unexpected argument '--version'"), undefined);
    assert.equal(parseVersion("floe-lint 1.2"), undefined);
  });
});

describe("compareVersions", () => {
  const v = (s: string) => {
    const parsed = parseVersion(s);
    assert.ok(parsed, s);
    return parsed;
  };
  it("orders by major, minor, patch numerically", () => {
    assert.ok(compareVersions(v("0.10.0"), v("0.9.9")) > 0);
    assert.ok(compareVersions(v("1.0.0"), v("0.99.99")) > 0);
    assert.equal(compareVersions(v("0.1.0"), v("0.1.0")), 0);
  });
  it("puts a pre-release before its release", () => {
    assert.ok(compareVersions(v("0.1.0-rc.1"), v("0.1.0")) < 0);
    assert.ok(compareVersions(v("0.1.0-rc.2"), v("0.1.0-rc.10")) < 0);
    assert.ok(compareVersions(v("0.1.0-alpha"), v("0.1.0-beta")) < 0);
    assert.ok(compareVersions(v("0.1.0-1"), v("0.1.0-alpha")) < 0);
    assert.ok(compareVersions(v("0.1.0-rc"), v("0.1.0-rc.1")) < 0);
  });
});

describe("checkVersion", () => {
  it("accepts the minimum and newer", () => {
    assert.equal(MIN_VERSION, "0.1.0");
    assert.equal(checkVersion("floe-lint 0.1.0").ok, true);
    assert.equal(checkVersion("floe-lint 0.1.1").ok, true);
    assert.equal(checkVersion("floe-lint 1.0.0").ok, true);
  });
  it("rejects older versions and says which minimum", () => {
    const result = checkVersion("floe-lint 0.0.9");
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reason === "too-old" && result.minimum === "0.1.0");
    assert.equal(checkVersion("floe-lint 0.1.0-rc.1").ok, false);
    assert.equal(checkVersion("floe-lint 0.3.0", "0.4.0").ok, false);
  });
  it("reports output it cannot read", () => {
    const result = checkVersion("  something else  ");
    assert.deepEqual(result, { ok: false, reason: "unparseable", output: "something else" });
  });
});

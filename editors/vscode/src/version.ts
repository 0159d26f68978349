// Version parsing and the minimum-version check. Pure: no `vscode` import, unit-tested with node:test.

/** The oldest floe-lint whose `lsp` this extension knows how to drive. */
export const MIN_VERSION = "0.1.0";

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release part without the dash (`rc.1`), or "" for a release. */
  pre: string;
  text: string;
}

/**
 * The version in `floe-lint --version` output (`floe-lint 0.1.0`), or in a bare `0.1.0`.
 * Pre-release and build suffixes are accepted (`0.2.0-rc.1+abc`).
 */
export function parseVersion(output: string): Version | undefined {
  const match = /(?:^|[\s v])(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?(?=\s|$)/m.exec(
    output.trim(),
  );
  if (!match) {
    return undefined;
  }
  const [text, major, minor, patch, pre] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    pre: pre ?? "",
    text: text.trim().replace(/^v/, ""),
  };
}

/** Semver order: negative when a < b. A pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ["major", "minor", "patch"] as const) {
    if (a[key] !== b[key]) {
      return a[key] - b[key];
    }
  }
  if (a.pre === b.pre) {
    return 0;
  }
  if (a.pre === "") {
    return 1;
  }
  if (b.pre === "") {
    return -1;
  }
  const left = a.pre.split(".");
  const right = b.pre.split(".");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] === undefined) {
      return -1;
    }
    if (right[i] === undefined) {
      return 1;
    }
    const ln = /^\d+$/.test(left[i]) ? Number(left[i]) : undefined;
    const rn = /^\d+$/.test(right[i]) ? Number(right[i]) : undefined;
    if (ln !== undefined && rn !== undefined) {
      if (ln !== rn) {
        return ln - rn;
      }
    } else if (ln !== undefined) {
      return -1;
    } else if (rn !== undefined) {
      return 1;
    } else if (left[i] !== right[i]) {
      return left[i] < right[i] ? -1 : 1;
    }
  }
  return 0;
}

export type VersionCheck =
  | { ok: true; version: Version }
  | { ok: false; reason: "unparseable"; output: string }
  | { ok: false; reason: "too-old"; version: Version; minimum: string };

/** Checks `floe-lint --version` output against the minimum this extension needs. */
export function checkVersion(output: string, minimum: string = MIN_VERSION): VersionCheck {
  const version = parseVersion(output);
  if (!version) {
    return { ok: false, reason: "unparseable", output: output.trim() };
  }
  const min = parseVersion(minimum);
  if (!min) {
    throw new Error(`invalid minimum version ${minimum}`);
  }
  if (compareVersions(version, min) < 0) {
    return { ok: false, reason: "too-old", version, minimum };
  }
  return { ok: true, version };
}

// Finding the floe-lint executable: the `floeLint.path` setting, the server bundled in a
// platform-specific .vsix, or PATH (`floeLint.importStrategy`, as Ruff's extension does). Pure: the
// file system and the environment come in as arguments, so it is unit-tested with node:test.

import * as path from "node:path";

export const EXECUTABLE = "floe-lint";

export interface PathContext {
  /** The first workspace folder's file system path, if any. */
  workspaceFolder?: string;
  /** The user's home directory. */
  home: string;
  /** `process.platform`. */
  platform: NodeJS.Platform;
}

/**
 * `useBundled` (default): the server inside the .vsix, else PATH (a .vsix built without one).
 * `fromEnvironment`: floe-lint on PATH (a pip/uv/cargo install), else the bundled one.
 */
export type ImportStrategy = "useBundled" | "fromEnvironment";

export const IMPORT_STRATEGIES: readonly ImportStrategy[] = ["useBundled", "fromEnvironment"];

/** A setting value as an import strategy (anything unknown is the default). */
export function importStrategy(value: unknown): ImportStrategy {
  return value === "fromEnvironment" ? "fromEnvironment" : "useBundled";
}

/** Where a platform-specific .vsix keeps the server, relative to the extension's directory. */
export function bundledPath(extensionDir: string, platform: NodeJS.Platform): string {
  const p = pathModule(platform);
  return p.join(extensionDir, "bundled", "bin", platform === "win32" ? `${EXECUTABLE}.exe` : EXECUTABLE);
}

export interface ResolveInput extends PathContext {
  /** The `floeLint.path` setting ("" when unset). */
  configured: string;
  /** The `floeLint.importStrategy` setting. */
  strategy?: ImportStrategy;
  /** The bundled server's path (whether it exists is asked of `isExecutable`). */
  bundled?: string;
  /** The PATH environment variable. */
  envPath: string;
  /** PATHEXT on Windows (default `.EXE;.CMD;.BAT;.COM`). */
  pathExt?: string;
  /** Whether a path is an executable file. */
  isExecutable: (file: string) => boolean;
}

export type Source = "setting" | "PATH" | "bundled";

export type Resolution =
  | { ok: true; path: string; source: Source; fallback?: boolean }
  | { ok: false; reason: "setting-missing"; configured: string; path: string }
  | { ok: false; reason: "not-on-path"; searched: string[] };

/** How the output channel names where the server came from. */
export function describeSource(source: Source, fallback = false): string {
  switch (source) {
    case "bundled":
      return fallback ? "bundled with the extension (none on PATH)" : "bundled with the extension";
    case "PATH":
      return fallback ? "from PATH (this .vsix bundles no server)" : "from PATH";
    case "setting":
      return "from floeLint.path";
  }
}

function pathModule(platform: NodeJS.Platform): typeof path.posix {
  return platform === "win32" ? path.win32 : path.posix;
}

/**
 * Expands `~`, `${userHome}` and `${workspaceFolder}` in a setting, and makes a relative path
 * absolute against the first workspace folder. Returns "" for an empty setting.
 */
export function expandPath(value: string, ctx: PathContext): string {
  const p = pathModule(ctx.platform);
  let out = value.trim();
  if (out === "") {
    return "";
  }
  out = out.replace(/\$\{userHome\}/g, ctx.home);
  if (ctx.workspaceFolder !== undefined) {
    out = out.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  }
  if (out === "~") {
    out = ctx.home;
  } else if (out.startsWith("~/") || (ctx.platform === "win32" && out.startsWith("~\\"))) {
    out = p.join(ctx.home, out.slice(2));
  }
  if (!p.isAbsolute(out) && ctx.workspaceFolder !== undefined) {
    out = p.join(ctx.workspaceFolder, out);
  }
  return p.normalize(out);
}

/**
 * The executable to start. A non-empty `floeLint.path` wins and is not second-guessed: if it does
 * not exist that is an error, not a silent fallback. Otherwise `strategy` orders the bundled
 * server and PATH, and the other one is the fallback.
 */
export function resolveBinary(input: ResolveInput): Resolution {
  const configured = input.configured.trim();
  if (configured !== "") {
    const resolved = expandPath(configured, input);
    if (input.isExecutable(resolved)) {
      return { ok: true, path: resolved, source: "setting" };
    }
    return { ok: false, reason: "setting-missing", configured, path: resolved };
  }
  const bundled = input.bundled !== undefined && input.isExecutable(input.bundled) ? input.bundled : undefined;
  const strategy = input.strategy ?? "useBundled";
  if (strategy === "useBundled" && bundled !== undefined) {
    return { ok: true, path: bundled, source: "bundled" };
  }
  const onPath = searchPath(input);
  if (onPath.ok) {
    // Asked for the bundled server, but this .vsix has none (a platform-neutral build).
    return strategy === "useBundled" && input.bundled !== undefined ? { ...onPath, fallback: true } : onPath;
  }
  if (bundled !== undefined) {
    return { ok: true, path: bundled, source: "bundled", fallback: true };
  }
  return onPath;
}

function searchPath(input: ResolveInput): Resolution {
  const p = pathModule(input.platform);
  const separator = input.platform === "win32" ? ";" : ":";
  const names =
    input.platform === "win32"
      ? (input.pathExt ?? ".EXE;.CMD;.BAT;.COM")
          .split(";")
          .filter((ext) => ext !== "")
          .map((ext) => EXECUTABLE + ext.toLowerCase())
      : [EXECUTABLE];
  const searched: string[] = [];
  for (const dir of input.envPath.split(separator)) {
    if (dir === "") {
      continue;
    }
    searched.push(dir);
    for (const name of names) {
      const candidate = p.join(dir, name);
      if (input.isExecutable(candidate)) {
        return { ok: true, path: candidate, source: "PATH" };
      }
    }
  }
  return { ok: false, reason: "not-on-path", searched };
}

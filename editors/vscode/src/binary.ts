// Finding the floe-lint executable from the `floeLint.path` setting or PATH. Pure: the file
// system and the environment come in as arguments, so it is unit-tested with node:test.

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

export interface ResolveInput extends PathContext {
  /** The `floeLint.path` setting ("" when unset). */
  configured: string;
  /** The PATH environment variable. */
  envPath: string;
  /** PATHEXT on Windows (default `.EXE;.CMD;.BAT;.COM`). */
  pathExt?: string;
  /** Whether a path is an executable file. */
  isExecutable: (file: string) => boolean;
}

export type Resolution =
  | { ok: true; path: string; source: "setting" | "PATH" }
  | { ok: false; reason: "setting-missing"; configured: string; path: string }
  | { ok: false; reason: "not-on-path"; searched: string[] };

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
 * not exist that is an error, not a silent fallback to PATH.
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

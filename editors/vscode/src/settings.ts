// VS Code settings (`floeLint.*`) -> what the server gets. Pure: unit-tested with node:test.

import { expandPath, type PathContext } from "./binary";

/** The `floeLint` configuration section as VS Code returns it (values may be missing or odd). */
export interface RawSettings {
  path?: unknown;
  importStrategy?: unknown;
  args?: unknown;
  environment?: unknown;
  platformFile?: unknown;
  select?: unknown;
  ignore?: unknown;
  configPath?: unknown;
  manifestFile?: unknown;
}

/**
 * What the server reads from `initializationOptions` and `workspace/configuration` (section
 * `floeLint`): camelCase keys, unset values left out (the server treats a missing key as "not
 * set", while `""` or `[]` would mean "this exact value").
 */
export interface ServerSettings {
  environment?: string;
  platformFile?: string;
  select?: string[];
  ignore?: string[];
  configPath?: string;
  manifestFile?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function list(value: unknown): string[] | undefined {
  // A comma-separated string is accepted too (as on the command line: `--select FL1,FL2`).
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : [];
  const out = items
    .filter((item): item is string => typeof item === "string")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return out.length === 0 ? undefined : out;
}

export function serverSettings(raw: RawSettings, ctx: PathContext): ServerSettings {
  const out: ServerSettings = {};
  const environment = text(raw.environment);
  if (environment !== undefined) {
    out.environment = environment;
  }
  const platformFile = text(raw.platformFile);
  if (platformFile !== undefined) {
    out.platformFile = expandPath(platformFile, ctx);
  }
  const select = list(raw.select);
  if (select !== undefined) {
    out.select = select;
  }
  const ignore = list(raw.ignore);
  if (ignore !== undefined) {
    out.ignore = ignore;
  }
  const configPath = text(raw.configPath);
  if (configPath !== undefined) {
    out.configPath = expandPath(configPath, ctx);
  }
  const manifestFile = text(raw.manifestFile);
  if (manifestFile !== undefined) {
    out.manifestFile = expandPath(manifestFile, ctx);
  }
  return out;
}

/** Arguments for the server process: `lsp` and then `floeLint.args`. */
export function serverArgs(raw: RawSettings): string[] {
  const extra = Array.isArray(raw.args)
    ? raw.args.filter((a): a is string => typeof a === "string" && a !== "")
    : [];
  return ["lsp", ...extra];
}

/** Settings whose change needs a new server process (the others are sent to the running one). */
export const RESTART_SETTINGS = ["floeLint.path", "floeLint.importStrategy", "floeLint.args"] as const;

/**
 * File names the extension serves. A `manifest.yaml` is Generation B's platform file when it
 * declares `kind: Manifest`; the server reads the content and says nothing about another tool's.
 */
export const FLOE_FILES = /(^|[\\/])(floe|platform|manifest)\.ya?ml$/;
export const FLOE_FILE = /(^|[\\/])floe\.ya?ml$/;
export const MANIFEST_FILE = /(^|[\\/])manifest\.ya?ml$/;

/**
 * Whether a manifest.yaml's text is floe's (as the server decides for a directory walk): it names
 * a `floe.dev/` API version or declares `kind: Manifest`. Other tools (Kubernetes, …) use the name.
 */
export function declaresFloeManifest(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  return head.includes("floe.dev/") || /^kind\s*:\s*["']?Manifest["']?\s*(#.*)?$/m.test(head);
}

/** Whether a file (by path and text) is one the server checks. */
export function isFloeFile(path: string, text: () => string): boolean {
  return FLOE_FILES.test(path) && (!MANIFEST_FILE.test(path) || declaresFloeManifest(text()));
}

/** The document selector: floe.yaml, platform.yaml and manifest.yaml files on disk, nothing else. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", pattern: "**/floe.{yaml,yml}" },
  { scheme: "file", pattern: "**/platform.{yaml,yml}" },
  { scheme: "file", pattern: "**/manifest.{yaml,yml}" },
];

/**
 * Text for a command result: a string as is (the generated profiles.yml), `{text}` / `{content}`
 * objects by their text, anything else as JSON.
 */
export function resultText(result: unknown): string {
  if (typeof result === "string") {
    return result;
  }
  if (result === null || result === undefined) {
    return "";
  }
  if (typeof result === "object") {
    const record = result as Record<string, unknown>;
    for (const key of ["text", "content", "contents"]) {
      if (typeof record[key] === "string") {
        return record[key] as string;
      }
    }
  }
  return JSON.stringify(result, null, 2);
}

/** The floe.yaml URI argument of a command: a string, a `vscode.Uri`-like object, or absent. */
export function uriArgument(args: unknown[] | undefined): string | undefined {
  const first = args?.[0];
  if (typeof first === "string" && first !== "") {
    return first;
  }
  if (first !== null && typeof first === "object" && typeof (first as { toString: unknown }).toString === "function") {
    const scheme = (first as { scheme?: unknown }).scheme;
    if (typeof scheme === "string") {
      return String(first);
    }
  }
  return undefined;
}

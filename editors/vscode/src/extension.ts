// The floe-lint VS Code extension: starts `floe-lint lsp` for floe.yaml / platform.yaml files and
// adds the preview and connectivity commands (also behind the server's code lenses).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type CancellationToken,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  ResponseError,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";

import { bundledPath, describeSource, importStrategy, type PathContext, resolveBinary } from "./binary";
import {
  DOCUMENT_SELECTOR,
  FLOE_FILE,
  FLOE_FILES,
  declaresFloeManifest,
  isFloeFile,
  RESTART_SETTINGS,
  type RawSettings,
  resultText,
  serverArgs,
  serverSettings,
  uriArgument,
} from "./settings";
import { checkVersion, MIN_VERSION } from "./version";

/** Server-side commands (code lenses and workspace/executeCommand). */
const SERVER_PREVIEW = "floe-lint.previewProfiles";
const SERVER_VERIFY = "floe-lint.verifyConnectivity";
const PREVIEW_SCHEME = "floe-lint-preview";
const CANCELLED = Symbol("cancelled");
const SECTION = "floeLint";
const INSTALL_HINT =
  "Install the platform-specific floe-lint extension (it brings its own server), or floe-lint itself (`pip install floe-lint`)";

let client: LanguageClient | undefined;
/** The extension's own directory (a platform-specific .vsix has the server under bundled/bin/). */
let extensionDir = "";
let output: vscode.OutputChannel;
let connectivity: vscode.OutputChannel;
let previews: PreviewProvider;
/** Serializes start/stop/restart. */
let lifecycle: Promise<void> = Promise.resolve();
/** Whether a start was asked for (activation can come from any YAML file: wait for a floe file). */
let started = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionDir = context.extensionPath;
  output = vscode.window.createOutputChannel("floe-lint");
  connectivity = vscode.window.createOutputChannel("floe-lint: connectivity");
  previews = new PreviewProvider();
  context.subscriptions.push(
    output,
    connectivity,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    previews,
    vscode.commands.registerCommand("floeLint.restart", () => restart()),
    vscode.commands.registerCommand("floeLint.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("floeLint.previewProfiles", (...args: unknown[]) => previewProfiles(args)),
    vscode.commands.registerCommand("floeLint.verifyConnectivity", (...args: unknown[]) => verifyConnectivity(args)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.scheme === "file" && FLOE_FILES.test(doc.uri.fsPath)) {
        void previews.refreshAll();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void restart();
      } else if (event.affectsConfiguration(SECTION) && !event.affectsConfiguration(`${SECTION}.trace`)) {
        // (The client itself handles floeLint.trace.server.)
        pushSettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      // Activated by a YAML file in a workspace without floe files: start once one shows up.
      if (!started && isFloeDocument(doc)) {
        void restart();
      }
    }),
  );
  // Not awaited: activation does not wait for the server.
  void workspaceHasFloeFiles().then((found) => {
    if (found && !started) {
      return restart();
    }
  });
}

export async function deactivate(): Promise<void> {
  await stop();
}

function isFloeDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === "file" && isFloeFile(doc.uri.fsPath, () => doc.getText());
}

async function workspaceHasFloeFiles(): Promise<boolean> {
  if (vscode.workspace.textDocuments.some(isFloeDocument)) {
    return true;
  }
  const found = await vscode.workspace.findFiles("**/{floe,platform}.{yaml,yml}", "**/node_modules/**", 1);
  if (found.length > 0) {
    return true;
  }
  // A platform repository may hold only a Generation B manifest.yaml (other tools use the name).
  const manifests = await vscode.workspace.findFiles("**/manifest.{yaml,yml}", "**/node_modules/**", 20);
  for (const uri of manifests) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (declaresFloeManifest(new TextDecoder().decode(bytes.slice(0, 64 * 1024)))) {
        return true;
      }
    } catch {
      // Unreadable: not a reason to start.
    }
  }
  return false;
}

// --- settings ------------------------------------------------------------------------------------

function pathContext(scope?: vscode.Uri): PathContext {
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  return {
    workspaceFolder: folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined,
    home: os.homedir(),
    platform: process.platform,
  };
}

function rawSettings(scope?: vscode.Uri): RawSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    path: config.get("path"),
    importStrategy: config.get("importStrategy"),
    args: config.get("args"),
    environment: config.get("environment"),
    platformFile: config.get("platformFile"),
    select: config.get("select"),
    ignore: config.get("ignore"),
    configPath: config.get("configPath"),
    manifestFile: config.get("manifestFile"),
  };
}

function currentServerSettings(scope?: vscode.Uri) {
  return serverSettings(rawSettings(scope), pathContext(scope));
}

/** Sends changed settings to the running server (it also pulls them via workspace/configuration). */
function pushSettings(): void {
  if (client?.state === State.Running) {
    void client
      .sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: currentServerSettings() },
      })
      .catch((e) => output.appendLine(`didChangeConfiguration failed: ${errorMessage(e)}`));
  }
}

// --- server lifecycle ----------------------------------------------------------------------------

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function runVersion(binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ["--version"], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${error.message}${stderr ? `\n${stderr}` : ""}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

async function openSettingsAction(message: string, ...extra: string[]): Promise<void> {
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, "Open settings", "Show output", ...extra);
  if (choice === "Open settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "floeLint.path");
  } else if (choice === "Show output") {
    output.show(true);
  }
}

/**
 * The bundled server's path. Zip extraction does not always keep the executable bit: restore it
 * once if the file is there without it.
 */
function bundledServer(): string {
  const bundled = bundledPath(extensionDir, process.platform);
  if (process.platform !== "win32" && fs.existsSync(bundled) && !isExecutable(bundled)) {
    try {
      fs.chmodSync(bundled, 0o755);
    } catch (e) {
      output.appendLine(`could not make ${bundled} executable: ${errorMessage(e)}`);
    }
  }
  return bundled;
}

/** Finds and checks the binary; reports a problem and returns undefined when there is one. */
async function findServer(): Promise<string | undefined> {
  const raw = rawSettings();
  const strategy = importStrategy(raw.importStrategy);
  const resolution = resolveBinary({
    ...pathContext(),
    configured: typeof raw.path === "string" ? raw.path : "",
    strategy,
    bundled: bundledServer(),
    envPath: process.env.PATH ?? "",
    pathExt: process.env.PATHEXT,
    isExecutable,
  });
  if (!resolution.ok) {
    if (resolution.reason === "setting-missing") {
      void openSettingsAction(
        `floe-lint: "floeLint.path" is set to ${resolution.configured}, but ${resolution.path} is not an executable file. Fix the setting or clear it to use floe-lint from PATH.`,
      );
    } else {
      void openSettingsAction(
        `floe-lint: this extension bundles no floe-lint server and none was found on PATH. ${INSTALL_HINT}, or set "floeLint.path" to it.`,
      );
    }
    return undefined;
  }
  let versionOutput: string;
  try {
    versionOutput = await runVersion(resolution.path);
  } catch (e) {
    void openSettingsAction(
      `floe-lint: could not run "${resolution.path} --version": ${errorMessage(e)}. ${INSTALL_HINT}, or set "floeLint.path".`,
    );
    return undefined;
  }
  const check = checkVersion(versionOutput);
  if (!check.ok) {
    if (check.reason === "too-old") {
      void openSettingsAction(
        `floe-lint: ${resolution.path} is version ${check.version.text}; this extension needs ${check.minimum} or newer. Update floe-lint, or set "floeLint.path" to a newer one.`,
      );
    } else {
      void openSettingsAction(
        `floe-lint: ${resolution.path} does not look like floe-lint ("--version" printed "${check.output}"). Set "floeLint.path" to the floe-lint executable.`,
      );
    }
    return undefined;
  }
  // Says which server runs: the e2e test and bug reports rely on this line.
  output.appendLine(
    `Using ${resolution.path} (floe-lint ${check.version.text}, ${describeSource(resolution.source, resolution.fallback)}; floeLint.importStrategy ${strategy}; minimum ${MIN_VERSION})`,
  );
  return resolution.path;
}

async function startClient(): Promise<void> {
  const binary = await findServer();
  if (!binary) {
    return;
  }
  const raw = rawSettings();
  const folder = pathContext().workspaceFolder;
  const serverOptions: ServerOptions = {
    command: binary,
    // No `transport`: with TransportKind.stdio the client appends `--stdio`, which `floe-lint lsp`
    // does not take (it always speaks over stdio).
    args: serverArgs(raw),
    options: folder ? { cwd: folder } : undefined,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: "floe-lint",
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: currentServerSettings(),
    middleware: {
      workspace: {
        // The server asks for section `floeLint`: answer with the camelCase keys it reads, unset
        // values left out and paths expanded (not VS Code's raw section, which has `path`, `args`,
        // `trace` and empty strings).
        configuration: async (params, token, next) => {
          const answered = await next(params, token);
          if (!Array.isArray(answered)) {
            return answered;
          }
          return params.items.map((item, i) =>
            item.section === SECTION
              ? currentServerSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answered[i],
          );
        },
      },
      // The server's code lenses run `floe-lint.previewProfiles` / `floe-lint.verifyConnectivity`;
      // a click ends in the same preview document / progress notification as the palette commands.
      executeCommand: async (command, args, next) => {
        if (command === SERVER_PREVIEW) {
          return previewProfiles(args);
        }
        if (command === SERVER_VERIFY) {
          return verifyConnectivity(args);
        }
        return next(command, args);
      },
    },
  };
  const next = new LanguageClient("floeLint", "floe-lint", serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
  } catch (e) {
    void openSettingsAction(`floe-lint: the language server did not start: ${errorMessage(e)}`);
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      if (current.state !== State.Stopped) {
        await current.stop(2000);
      }
    } catch (e) {
      output.appendLine(`stopping the server: ${errorMessage(e)}`);
    }
    await current.dispose(2000).catch(() => undefined);
  }
}

function restart(): Promise<void> {
  started = true;
  lifecycle = lifecycle.then(async () => {
    await stopClient();
    await startClient();
  });
  return lifecycle;
}

function stop(): Promise<void> {
  lifecycle = lifecycle.then(stopClient);
  return lifecycle;
}

// --- commands ------------------------------------------------------------------------------------

function errorMessage(e: unknown): string {
  if (e instanceof ResponseError || e instanceof Error) {
    return e.message;
  }
  return String(e);
}

async function runServerCommand(command: string, floeUri: string, token?: CancellationToken): Promise<unknown> {
  await lifecycle;
  if (!client || client.state !== State.Running) {
    throw new Error('the floe-lint language server is not running (see "floe-lint: Show output")');
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [floeUri] }, token);
}

/** The floe.yaml a command is about: its argument, the active editor, or the workspace's. */
async function targetFloeFile(args: unknown[] | undefined): Promise<vscode.Uri | undefined> {
  const given = uriArgument(args);
  if (given) {
    return vscode.Uri.parse(given);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === "file" && FLOE_FILE.test(active.fsPath)) {
    return active;
  }
  if (active?.scheme === PREVIEW_SCHEME && active.query) {
    return vscode.Uri.parse(active.query);
  }
  const found = await vscode.workspace.findFiles("**/floe.{yaml,yml}", "**/node_modules/**", 50);
  if (found.length <= 1) {
    if (found.length === 0) {
      void vscode.window.showWarningMessage("floe-lint: no floe.yaml found: open one first.");
    }
    return found[0];
  }
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: "Which floe.yaml?" },
  );
  return picked?.uri;
}

async function previewProfiles(args: unknown[] | undefined): Promise<void> {
  const floe = await targetFloeFile(args);
  if (!floe) {
    return;
  }
  const uri = PreviewProvider.uriFor(floe);
  try {
    await previews.fetch(uri);
  } catch (e) {
    output.appendLine(`Preview of ${floe.fsPath} failed: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(`floe-lint: ${errorMessage(e)}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, "yaml").then(undefined, () => undefined);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

async function verifyConnectivity(args: unknown[] | undefined): Promise<void> {
  const floe = await targetFloeFile(args);
  if (!floe) {
    return;
  }
  const channel = connectivity;
  const label = vscode.workspace.asRelativePath(floe);
  channel.appendLine(`[${new Date().toLocaleTimeString()}] Verifying connectivity for ${label}…`);
  // The notification only lives while the server works; the outcome is reported after it closes.
  const failure = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `floe-lint: verifying connectivity for ${label}`,
      cancellable: true,
    },
    async (_progress, token): Promise<string | undefined> => {
      const cancelled = new Promise<typeof CANCELLED>((resolve) =>
        token.onCancellationRequested(() => resolve(CANCELLED)),
      );
      try {
        const result = await Promise.race([runServerCommand(SERVER_VERIFY, floe.toString(), token), cancelled]);
        if (result === CANCELLED) {
          channel.appendLine("Cancelled.");
          return undefined;
        }
        channel.appendLine(resultText(result) || "Done.");
        channel.show(true);
        return undefined;
      } catch (e) {
        if (token.isCancellationRequested) {
          channel.appendLine("Cancelled.");
          return undefined;
        }
        channel.appendLine(`Failed: ${errorMessage(e)}`);
        return errorMessage(e);
      }
    },
  );
  if (failure !== undefined) {
    const choice = await vscode.window.showErrorMessage(`floe-lint: connectivity check failed: ${failure}`, "Show output");
    if (choice === "Show output") {
      channel.show(true);
    }
  }
}

/**
 * Read-only `floe-lint-preview:` documents with the profiles.yml the server generates for a
 * floe.yaml (the floe.yaml URI is the query). Re-fetched when a floe.yaml / platform.yaml is saved.
 */
class PreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  static uriFor(floe: vscode.Uri): vscode.Uri {
    const dir = path.posix.dirname(floe.path);
    return vscode.Uri.from({
      scheme: PREVIEW_SCHEME,
      path: `${dir === "/" ? "" : dir}/profiles.yml`,
      query: floe.toString(),
    });
  }

  /** Asks the server for the text; a document VS Code still holds for `uri` is updated too. */
  async fetch(uri: vscode.Uri): Promise<string> {
    const text = resultText(await runServerCommand(SERVER_PREVIEW, uri.query));
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return text;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) {
      return known;
    }
    try {
      return await this.fetch(uri);
    } catch (e) {
      return `# floe-lint: ${errorMessage(e)}\n`;
    }
  }

  async refreshAll(): Promise<void> {
    const open = vscode.workspace.textDocuments.filter((doc) => doc.uri.scheme === PREVIEW_SCHEME);
    for (const doc of open) {
      try {
        await this.fetch(doc.uri);
      } catch (e) {
        void vscode.window.showErrorMessage(`floe-lint: profiles.yml preview not refreshed: ${errorMessage(e)}`);
      }
    }
    // Forget previews that are no longer open.
    const live = new Set(open.map((doc) => doc.uri.toString()));
    for (const key of [...this.texts.keys()]) {
      if (!live.has(key)) {
        this.texts.delete(key);
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

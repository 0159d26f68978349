#!/usr/bin/env node
// End-to-end test of the packaged extension in real VS Code: code-server (VS Code for the browser,
// from npm) driven in headless Debian Chromium with playwright-core. Set up by .ci/vscode.sh, run by
// tests/vscode.rs. What it checks, on a copy of examples/lakehouse (which has deliberate mistakes):
//   1. the floe.yaml diagnostics reach the Problems panel (FL102 "Input should be a valid string");
//   2. "floe-lint: Preview profiles.yml" from the command palette opens the preview document, or
//      (until the server generates profiles.yml) shows the server's clear "not available" error:
//      either passes, one is required;
//   3. hovering `warehouse` in platform.yaml shows the field's documentation;
//   4. typing a new storage profile with the suggest widget (a key, then an enum value), saving,
//      editing a value into an error and back: the Problems panel follows (typing.mjs);
// and on the way: the code lens runs the same preview command, and a `floeLint.ignore` workspace
// setting reaches the server (initializationOptions / workspace/configuration) and so does a change
// of it at run time (workspace/didChangeConfiguration).
//
// The server is the one bundled in the platform-specific .vsix: floeLint.path is not set and no
// floe-lint is on code-server's PATH (checked), and the "floe-lint" output channel must say that the
// bundled server started.
//
// The checks are the `scenarios` at the end, run in order in one VS Code window; add one there.
//
// Environment:
//   VSCODE_E2E_CODE_SERVER  code-server executable (required)
//   VSCODE_E2E_VSIX         the platform-specific extension, with its bundled server (required)
//   VSCODE_E2E_CHROMIUM     Chromium (default /usr/bin/chromium)
//   FLOE_LINT_ARTIFACTS     where screenshots go (default <repo>/target/vscode-e2e)
//   VSCODE_E2E_KEEP=1       keep the temporary directory

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { typingScenario } from "./typing.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const started = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: ${name} is not set (source the env file that .ci/vscode.sh writes)`);
    process.exit(2);
  }
  if (!existsSync(value)) {
    console.error(`e2e: ${name}=${value} does not exist`);
    process.exit(2);
  }
  return value;
}

const codeServer = required("VSCODE_E2E_CODE_SERVER");
const vsix = required("VSCODE_E2E_VSIX");
const chromiumPath = process.env.VSCODE_E2E_CHROMIUM || "/usr/bin/chromium";
const artifacts = path.resolve(process.env.FLOE_LINT_ARTIFACTS || path.join(repo, "target/vscode-e2e"));
mkdirSync(artifacts, { recursive: true });

const tmp = mkdtempSync(path.join(tmpdir(), "floe-lint-vscode-e2e-"));
const dirs = {
  workspace: path.join(tmp, "lakehouse"),
  userData: path.join(tmp, "user-data"),
  extensions: path.join(tmp, "extensions"),
  browser: path.join(tmp, "chromium-profile"),
  xdg: path.join(tmp, "xdg"),
};
for (const dir of Object.values(dirs)) {
  mkdirSync(dir, { recursive: true });
}
cpSync(path.join(repo, "examples/lakehouse"), dirs.workspace, { recursive: true });
// A Generation B pair (examples/floe-v1) beside it: a FloeSpec and floe's manifest.yaml.
cpSync(path.join(repo, "examples/floe-v1"), path.join(dirs.workspace, "floe-v1"), { recursive: true });
// floe's generator reads the `default` storage, catalog and compute profiles; the example names its
// local catalog `lakehouse`, so add a `default` alias for the preview to have something to show.
{
  const local = path.join(dirs.workspace, "platform/local/platform.yaml");
  const text = readFileSync(local, "utf8");
  const catalog = text.slice(text.indexOf("  lakehouse:\n"), text.indexOf("\ncompute:"));
  writeFileSync(local, text.replace("\ncompute:", "\n" + catalog.replace("  lakehouse:\n", "  default:\n") + "\ncompute:"));
}
// A workspace setting that must reach the server (as initializationOptions and as the answer to
// workspace/configuration, both with the server's camelCase keys): FL407 is not reported.
mkdirSync(path.join(dirs.workspace, ".vscode"));
writeFileSync(path.join(dirs.workspace, ".vscode/settings.json"), JSON.stringify({ "floeLint.ignore": ["FL407"] }, null, 2));

// Settings: a quiet workbench, and nothing that picks the server (no floeLint.path, the default
// floeLint.importStrategy): the bundled one must start. code-server's extension host is a "remote"
// one, so machine-scoped settings are read from Machine/settings.json (VS Code's "Remote" settings).
const settings = {
  "floeLint.trace.server": "messages",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "editor.codeLens": true,
  "editor.hover.delay": 100,
  "window.restoreWindows": "none",
  "files.autoSave": "off",
};
for (const scope of ["User", "Machine"]) {
  mkdirSync(path.join(dirs.userData, scope), { recursive: true });
  writeFileSync(path.join(dirs.userData, scope, "settings.json"), JSON.stringify(settings, null, 2));
}

const childEnv = {
  ...process.env,
  XDG_CONFIG_HOME: path.join(dirs.xdg, "config"),
  XDG_DATA_HOME: path.join(dirs.xdg, "data"),
  XDG_CACHE_HOME: path.join(dirs.xdg, "cache"),
};
// The example's own platform/<env> layout decides the environments, not the caller's shell.
delete childEnv.FLOE_PLATFORM_FILE;
delete childEnv.FLOE_PLATFORM_ENV;
// No floe-lint on PATH: the extension can only start the server it bundles.
{
  const dirs = (childEnv.PATH ?? "").split(path.delimiter).filter((dir) => dir !== "");
  const kept = dirs.filter((dir) => !existsSync(path.join(dir, "floe-lint")));
  for (const dir of dirs.filter((d) => !kept.includes(d))) {
    log(`removed ${dir} from PATH (it has a floe-lint)`);
  }
  childEnv.PATH = kept.join(path.delimiter);
}
const common = ["--user-data-dir", dirs.userData, "--extensions-dir", dirs.extensions, "--config", path.join(tmp, "code-server.yaml")];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, outputRef, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${outputRef.text}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms:\n${outputRef.text}`);
}

/** The extension host's and the floe-lint output channel's logs, for a failure report. */
function logs() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/exthost|floe-lint|remoteagent|\d-floe/i.test(full) && statSync(full).size > 0) {
        out.push(`--- ${path.relative(dirs.userData, full)}\n${readFileSync(full, "utf8").slice(-6000)}`);
      }
    }
  };
  const logDir = path.join(dirs.userData, "logs");
  if (existsSync(logDir)) {
    walk(logDir);
  }
  return out.join("\n");
}

/** The text of the extension's "floe-lint" output channel (VS Code writes it to a log file). */
function outputChannel() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/^\d+-floe-lint\.log$/.test(entry.name)) {
        found.push(readFileSync(full, "utf8"));
      }
    }
  };
  const logDir = path.join(dirs.userData, "logs");
  if (existsSync(logDir)) {
    walk(logDir);
  }
  return found.join("\n");
}

/** Waits until the output channel has a line matching `pattern`; returns that line. */
async function expectOutput(pattern, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = outputChannel().split("\n").find((l) => pattern.test(l));
    if (line !== undefined) {
      return line.trim();
    }
    if (Date.now() > deadline) {
      throw new Error(`the floe-lint output channel has no line matching ${pattern}:\n${outputChannel().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

let serverProcess;
let context;
let page;
let failed = false;
const serverOutput = { text: "" };

async function step(name, fn) {
  log(name);
  try {
    return await fn();
  } catch (e) {
    failed = true;
    const shot = path.join(artifacts, "vscode-e2e-failure.png");
    if (page) {
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`e2e: step "${name}" failed; screenshot: ${shot}`);
    }
    throw e;
  }
}

/** Runs a command from the command palette by its title. */
async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: 10_000 });
  await page.keyboard.press("Enter");
}

/** Opens a workspace file through Quick Open (Ctrl+P). */
async function openFile(relative) {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(relative);
  const base = path.basename(relative);
  const dir = path.dirname(relative);
  const rows = page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: base });
  const row = dir === "." ? rows.first() : rows.filter({ hasText: dir }).first();
  await row.waitFor({ state: "visible", timeout: 15_000 });
  await row.click();
  await page
    .locator(".tabs-container .tab.active", { hasText: base })
    .waitFor({ state: "visible", timeout: 10_000 });
  // The editor has the text (Monaco renders lines lazily once the model is attached).
  await page.locator(".editor-group-container.active .monaco-editor .view-lines .view-line").first().waitFor({ timeout: 10_000 });
}

/**
 * Filters the Problems panel by `filter` (codes match) until a row with `text` shows, or, with
 * `text` null, until nothing matches. Re-applies the filter while waiting: the panel does not always
 * re-filter markers that arrive after the filter was typed.
 */
async function expectProblems(filter, text, timeoutMs = 30_000) {
  const box = page.getByLabel("Filter Problems");
  const markers = page.locator(".markers-panel");
  const target = text === null
    ? markers.getByText("No results found with provided filter criteria").first()
    : markers.locator(".monaco-list-row", { hasText: text }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await box.fill("");
    await box.fill(filter);
    try {
      await target.waitFor({ state: "visible", timeout: 2_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        throw new Error(`Problems filtered by ${filter}: expected ${text === null ? "no rows" : JSON.stringify(text)}`);
      }
    }
  }
}

/**
 * Triggers a preview and waits for its outcome: the `profiles.yml` preview editor ("preview") or
 * the server's clear "not available" error notification ("error"). Either passes; one is required.
 * Leaves the window as it was (preview closed, notifications cleared).
 */
async function previewOutcome(trigger) {
  await trigger();
  const previewTab = page.locator(".tabs-container .tab", { hasText: "profiles.yml" }).first();
  const notAvailable = page
    .locator(".notifications-toasts .notification-toast", { hasText: /floe-lint: .*(not available in this version of floe-lint yet|not found in platform\.yaml)/ })
    .first();
  const outcome = await Promise.race([
    previewTab.waitFor({ state: "visible", timeout: 20_000 }).then(() => "preview"),
    notAvailable.waitFor({ state: "visible", timeout: 20_000 }).then(() => "error"),
  ]).catch(async () => {
    const shown = await page.locator(".notifications-toasts").innerText().catch(() => "");
    throw new Error(`neither the profiles.yml preview nor the not-available error appeared; notifications: ${JSON.stringify(shown)}`);
  });
  if (outcome === "preview") {
    const editor = page.locator(".editor-group-container.active .monaco-editor .view-lines");
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-lines")].some(
          (e) => e.textContent.trim() !== "",
        ),
      undefined,
      { timeout: 10_000 },
    );
    const text = await editor.first().innerText();
    log(`  preview document opened: ${JSON.stringify(text.split("\n").slice(0, 2).join(" | "))}`);
    await page.screenshot({ path: path.join(artifacts, "vscode-e2e-preview.png") });
    await page.keyboard.press("Control+W");
    await previewTab.waitFor({ state: "detached", timeout: 10_000 });
  } else {
    log(`  error notification: ${(await notAvailable.innerText()).replace(/\s+/g, " ").trim()}`);
    await page.waitForTimeout(300); // the toast slides in
    await page.screenshot({ path: path.join(artifacts, "vscode-e2e-preview.png") });
    await runCommand("Notifications: Clear All Notifications");
    await notAvailable.waitFor({ state: "detached", timeout: 10_000 });
  }
  return outcome;
}

/**
 * What the test checks, in order, in one VS Code window on the copied example (the workspace is open
 * and the Problems panel may be anywhere). A scenario throws to fail; `log` what it saw. To add a
 * check, add an entry: the helpers above (openFile, runCommand, expectProblems, expectOutput,
 * previewOutcome) cover most of what a user does.
 */
const scenarios = [
  {
    name: "the output channel says the bundled server started (no floeLint.path, no floe-lint on PATH)",
    run: async () => {
      const line = await expectOutput(/Using \S+ \(floe-lint /);
      if (!line.includes("bundled with the extension") || !line.includes(`${path.sep}bundled${path.sep}bin${path.sep}floe-lint`)) {
        throw new Error(`expected the bundled server, the output channel says: ${line}`);
      }
      log(`  ${line}`);
    },
  },
  {
    name: "diagnostics of floe.yaml appear in the Problems panel",
    run: async () => {
      await openFile("floe.yaml");
      await page.keyboard.press("Control+Shift+M");
      const markers = page.locator(".markers-panel");
      await markers.waitFor({ state: "visible", timeout: 15_000 });
      const row = markers.locator(".monaco-list-row", { hasText: "Input should be a valid string" }).first();
      await row.waitFor({ state: "visible", timeout: 60_000 });
      const text = await row.innerText();
      if (!text.includes("FL102")) {
        throw new Error(`the Problems row has no FL102 code: ${JSON.stringify(text)}`);
      }
      log(`  Problems: ${text.replace(/\s+/g, " ").trim()}`);
      // floeLint.ignore reached the server: prod's platform.yaml has its FL106 but not its FL407
      // (both come in one publishDiagnostics for that file). Then the setting changes at run time
      // (workspace/didChangeConfiguration): FL407 comes back and FL106 goes.
      await expectProblems("FL106", "OAuth2 mode requires client_secret");
      await expectProblems("FL407", null);
      log("  workspace setting floeLint.ignore [FL407] applied by the server");
      writeFileSync(path.join(dirs.workspace, ".vscode/settings.json"), JSON.stringify({ "floeLint.ignore": ["FL106"] }));
      await expectProblems("FL407", "lineage_endpoint");
      await expectProblems("FL106", null);
      log("  changed to [FL106] at run time: applied");
      await page.getByLabel("Filter Problems").fill("");
      await row.waitFor({ state: "visible", timeout: 10_000 });
      await page.screenshot({ path: path.join(artifacts, "vscode-e2e-problems.png") });
      // The server's code lenses are on floe.yaml too (VS Code asks for them lazily: if they are not
      // there yet, put the cursor in the editor, which makes it ask again).
      const lens = page
        .locator(".editor-group-container.active .monaco-editor .codelens-decoration", { hasText: "Preview profiles.yml" })
        .first();
      for (let attempt = 0; ; attempt++) {
        try {
          await lens.waitFor({ state: "visible", timeout: attempt === 0 ? 5_000 : 10_000 });
          break;
        } catch (e) {
          if (attempt >= 2) {
            throw e;
          }
          log("  code lenses not shown yet; focusing the editor");
          await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
          await page.keyboard.press("Control+Home");
        }
      }
    },
  },
  {
    name: '"floe-lint: Preview profiles.yml" (palette, then code lens) shows the preview or the clear not-available error',
    run: async () => {
      const first = await previewOutcome(() => runCommand("floe-lint: Preview profiles.yml"));
      // The code lens on floe.yaml runs the server command id; it must end in the same place.
      const lens = page
        .locator(".editor-group-container .monaco-editor .codelens-decoration a", { hasText: "Preview profiles.yml" })
        .first();
      const second = await previewOutcome(() => lens.click());
      if (first !== second) {
        throw new Error(`the command palette gave ${first} but the code lens gave ${second}`);
      }
    },
  },
  {
    name: "hover over `warehouse` in platform.yaml shows the field docs",
    run: async () => {
      await openFile("platform/local/platform.yaml");
      const key = page
        .locator(".editor-group-container.active .monaco-editor .view-lines span span", { hasText: /^warehouse$/ })
        .first();
      await key.waitFor({ state: "visible", timeout: 10_000 });
      const hover = page.locator(".monaco-hover:not(.hidden) .hover-contents, .monaco-hover:not(.hidden) .rendered-markdown", {
        hasText: "Warehouse (catalog) name",
      });
      // The language server may still be starting up on the first request: move away and back.
      for (let attempt = 0; ; attempt++) {
        await key.hover();
        try {
          await hover.first().waitFor({ state: "visible", timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt >= 4) {
            throw e;
          }
          await page.mouse.move(5, 5);
        }
      }
      log(`  hover: ${(await hover.first().innerText()).replace(/\s+/g, " ").trim().slice(0, 160)}`);
      const shot = path.join(artifacts, "vscode-e2e.png");
      await page.screenshot({ path: shot });
      log(`screenshot: ${shot} (also vscode-e2e-problems.png, vscode-e2e-preview.png)`);
    },
  },
  {
    name: "a Generation B pair: the extension attaches to floe's manifest.yaml and the FloeSpec",
    run: async () => {
      await openFile("floe-v1/manifest.yaml");
      await expectProblems("FL110", "Unknown fields in manifest will be ignored");
      log("  manifest.yaml: FL110 on the misspelt root key");
      await openFile("floe-v1/orders/floe.yaml");
      await expectProblems("FL103", "Input should be 'bronze', 'silver' or 'gold'");
      log("  orders/floe.yaml: FL103 on `tier: silvr`");
      await page.getByLabel("Filter Problems").fill("");
    },
  },
  // Typing with the suggest widget, saving, editing again (editors/vscode/test/typing.mjs).
  typingScenario({ currentPage: () => page, openFile, expectProblems, log, workspace: dirs.workspace }),
];

try {
  await step("install the .vsix into code-server", async () => {
    const install = spawnSync(codeServer, [...common, "--force", "--install-extension", vsix], {
      env: childEnv,
      encoding: "utf8",
      timeout: 120_000,
    });
    const text = `${install.stdout}${install.stderr}`;
    if (install.status !== 0 || !/successfully installed/i.test(text)) {
      throw new Error(`--install-extension failed (${install.status}):\n${text}`);
    }
  });

  const port = await freePort();
  await step(`start code-server on 127.0.0.1:${port}`, async () => {
    serverProcess = spawn(
      codeServer,
      [
        ...common,
        "--bind-addr",
        `127.0.0.1:${port}`,
        "--auth",
        "none",
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--disable-getting-started-override",
        "--ignore-last-opened",
        dirs.workspace,
      ],
      { env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    const collect = (chunk) => {
      serverOutput.text = (serverOutput.text + chunk.toString()).slice(-20_000);
    };
    serverProcess.stdout.on("data", collect);
    serverProcess.stderr.on("data", collect);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, serverProcess, serverOutput, 60_000);
  });

  await step("open the workspace in headless Chromium", async () => {
    context = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
    // The explorer lists the copied example once the remote file system is connected.
    await page
      .locator(".explorer-folders-view .monaco-list-row", { hasText: "floe.yaml" })
      .first()
      .waitFor({ state: "visible", timeout: 60_000 });
  });

  for (const scenario of scenarios) {
    await step(scenario.name, scenario.run);
  }

  log("all VS Code checks passed");
} catch (e) {
  failed = true;
  console.error(`e2e failed: ${e?.stack ?? e}`);
  console.error(`--- code-server output (tail)\n${serverOutput.text.slice(-4000)}`);
  console.error(logs());
} finally {
  await context?.close().catch(() => undefined);
  if (serverProcess && serverProcess.exitCode === null) {
    try {
      process.kill(-serverProcess.pid, "SIGTERM");
    } catch {
      serverProcess.kill("SIGTERM");
    }
    await new Promise((r) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-serverProcess.pid, "SIGKILL");
        } catch {
          // gone
        }
        r();
      }, 5_000);
      serverProcess.once("exit", () => {
        clearTimeout(timer);
        r();
      });
    });
  }
  if (process.env.VSCODE_E2E_KEEP) {
    log(`kept ${tmp}`);
  } else {
    rmSync(tmp, { recursive: true, force: true });
  }
  log(failed ? "FAILED" : "done");
  process.exit(failed ? 1 : 0);
}

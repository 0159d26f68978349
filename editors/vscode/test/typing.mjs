// The typing scenario of the VS Code e2e (editors/vscode/test/e2e.mjs runs it): a person types a new
// storage profile into platform.yaml with the suggest widget (a key, then an enum value), saves,
// edits a value into an error and back, and the Problems panel follows every step.

import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * @param {object} t the e2e's helpers: currentPage() (the playwright page, once the window is
 *   open), openFile, expectProblems, log, and the workspace directory (to read what was saved)
 */
export function typingScenario({ currentPage, openFile, expectProblems, log, workspace }) {
  // The page exists only once the window is open; every use goes through this.
  const page = new Proxy({}, { get: (_, name) => {
    const value = currentPage()[name];
    return typeof value === "function" ? value.bind(currentPage()) : value;
  } });
  const file = path.join(workspace, "platform/local/platform.yaml");

  /** Waits until the saved file holds `text`. */
  async function saved(text) {
    const deadline = Date.now() + 10_000;
    while (!readFileSync(file, "utf8").includes(text)) {
      if (Date.now() > deadline) {
        throw new Error(`platform.yaml was not saved with ${JSON.stringify(text)}:\n${readFileSync(file, "utf8")}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const editor = () => page.locator(".editor-group-container.active .monaco-editor textarea").first();
  const suggest = () => page.locator(".editor-widget.suggest-widget.visible");
  // A suggestion row by its label (the row's text runs the label into its detail: "bucketrequired").
  const row = (label) =>
    suggest()
      .locator(".monaco-list-row", { has: page.locator(".label-name", { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
      .first();

  async function goToLine(line) {
    await editor().focus();
    await page.keyboard.press("Control+G");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible", timeout: 10_000 });
    await input.fill(`:${line}`);
    await page.keyboard.press("Enter");
    await input.waitFor({ state: "hidden", timeout: 10_000 });
  }

  /** A new line below the cursor's, holding exactly `text` (whatever the editor auto-indented). */
  async function newLine(text) {
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.press("Shift+Home");
    await page.keyboard.type(text.length > 0 ? text : " ");
    if (text.length === 0) {
      await page.keyboard.press("Backspace");
    }
  }

  /** Opens the suggest widget (Ctrl+Space) until it lists `label`; returns the labels shown. */
  async function suggestions(label) {
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press("Control+Space");
      try {
        await row(label).waitFor({ state: "visible", timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 3) {
          const shown = await suggest().innerText().catch(() => "(no suggest widget)");
          throw new Error(`the suggest widget does not offer ${label}: ${JSON.stringify(shown)}`);
        }
        await page.keyboard.press("Escape");
      }
    }
    return (await suggest().innerText()).split("\n").map((l) => l.trim()).filter(Boolean);
  }

  return {
    name: "typing a storage profile with the suggest widget, save, edit again: the Problems panel follows",
    run: async () => {
      await openFile("platform/local/platform.yaml");
      await editor().focus();
      // After `      secret_ref: aws-credentials` (line 13): a new profile, `warm`.
      await goToLine(13);
      await newLine("  warm:");
      await newLine("    ");
      const keys = await suggestions("bucket");
      if (keys.some((k) => /^catalogs\b/.test(k))) {
        throw new Error(`a new storage profile is offered top-level keys: ${JSON.stringify(keys)}`);
      }
      log(`  keys offered for the new profile: ${keys.slice(0, 8).join(", ")}`);
      await page.keyboard.type("buc");
      await row("bucket").waitFor({ state: "visible", timeout: 5_000 });
      await page.keyboard.press("Enter");
      await page.keyboard.type("warm-bucket");
      await newLine("    type: ");
      const values = await suggestions("gcs");
      log(`  values offered after "type: ": ${values.slice(0, 6).join(", ")}`);
      await page.keyboard.type("gc");
      await row("gcs").waitFor({ state: "visible", timeout: 5_000 });
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+S");
      await saved("  warm:\n    bucket: warm-bucket\n    type: gcs\n");
      log("  saved: warm: {bucket: warm-bucket, type: gcs}, each accepted from the suggest widget");
      await page.keyboard.press("Control+Shift+M");
      // The new profile is valid; make its bucket too short, save, and make it valid again.
      await expectProblems("FL105", null);
      await goToLine(15);
      await page.keyboard.press("End");
      for (let i = 0; i < "warm-bucket".length; i++) {
        await page.keyboard.press("Backspace");
      }
      await page.keyboard.type("ab");
      await expectProblems("FL105", "String should have at least 3 characters");
      log("  bucket: ab → FL105 in the Problems panel");
      await page.keyboard.press("Control+S");
      await saved("    bucket: ab\n");
      await editor().focus();
      await goToLine(15);
      await page.keyboard.press("End");
      await page.keyboard.type("c");
      await expectProblems("FL105", null);
      log("  after saving, bucket: abc → FL105 gone");
      await page.keyboard.press("Control+S");
    },
  };
}

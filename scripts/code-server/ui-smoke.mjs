#!/usr/bin/env node
// UI smoke test: opens the examples/ content repo in code-server (real VS Code in headless Chromium)
// with the extension loaded as a development extension, runs a list of named steps and saves PNG
// screenshots to test-results/screenshots/ for a person to look at.
//
//   npm run build && node scripts/code-server/ui-smoke.mjs [--out DIR] [--file NAME.yml]
//                                                          [--extension-path DIR] [--verbose]
//
// Add a shot by adding a step to STEPS below: `action(ui)` drives the workbench, `screenshot` names
// the PNG taken after it (`keepOverlays: true` keeps hovers/widgets open for the shot; `settleMs`
// overrides the 1.5 s quiet time). `ui` has helpers: quickOpen, runCommand, pickQuickInputRow,
// selectColorTheme, waitForTheme, hoverOnText, waitForEditorText, waitFor, waitForFrameSelector,
// settle, page. Exit code 0 when every step passed.
//
// Every step waits on a condition (an element, a hover text, a tab, a quiet DOM) with a generous
// deadline — never a fixed sleep — so the steps hold on a loaded machine
// (scripts/code-server/ui-under-load.mjs runs them next to busy loops). DEADLINE_MS scales them.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureCodeServer,
  launchBrowser,
  plainConsoleText,
  repoRoot,
  stageExtension,
  startCodeServer,
  withTimeout,
  workbenchUrl,
} from './lib.mjs';
import { compareSteps, startFakeSplunk } from './ui-steps/compare.mjs';
import { backToFirstDetection, craftSteps, previewDarkSteps, previewLightSteps } from './ui-steps/preview.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const verbose = argv.includes('--verbose');
const outDir = option('--out', join(repoRoot, 'test-results', 'screenshots'));
// Default: the repo, staged without .cache/ (see stageExtension in lib.mjs).
const extensionPathOption = option('--extension-path', undefined);
// The steps edit files (unsaved), so the workbench opens a temporary copy of examples/.
const folder = mkdtempSync(join(tmpdir(), 'dw-ui-examples-'));
cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
const timeoutMs = Number(option('--timeout-ms', process.env.UI_SMOKE_TIMEOUT_MS ?? 480_000));
/** The deadline of one wait (an element, a hover, a tab): generous, since a slow machine only makes it longer. */
const DEADLINE_MS = Number(process.env.UI_SMOKE_DEADLINE_MS ?? 60_000);

/** The detection the steps open: --file, else the first detection under detections/endpoint. */
function detectionFileName() {
  const chosen = option('--file', undefined);
  if (chosen) return chosen;
  const dir = join(folder, 'detections', 'endpoint');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yml')).sort() : [];
  if (files.length === 0) throw new Error(`no detection in ${dir}`);
  return files[0];
}

/** The smoke steps, in order. */
const STEPS = [
  {
    name: 'open a detection with Quick Open',
    action: async (ui) => {
      await ui.quickOpen(ui.detection);
      await ui.waitForEditorText('search:');
    },
    screenshot: 'detection-dark.png',
  },
  {
    name: 'hover a macro call in the search',
    action: async (ui) => {
      const text = await ui.hoverOnText('security_content_ctime', /Macro/);
      if (!text.includes('Macro')) throw new Error(`unexpected hover: ${text.slice(0, 200)}`);
    },
    screenshot: 'detection-hover.png',
    keepOverlays: true,
  },
  ...previewDarkSteps,
  {
    name: 'switch to a light theme',
    action: async (ui) => {
      await ui.selectColorTheme('Default Light Modern');
      await ui.waitForTheme('vs');
    },
    screenshot: 'detection-light.png',
  },
  ...previewLightSteps,
  ...compareSteps,
  ...craftSteps,
  ...backToFirstDetection,
  {
    name: 'no error notification was raised',
    action: async (ui) => {
      // Toasts hide on Escape, so read the notification centre, which keeps them all.
      await ui.runCommand('Notifications: Show Notifications');
      await ui.page.locator('.notifications-center').waitFor({ state: 'visible', timeout: DEADLINE_MS });
      const errors = await ui.page.$$eval('.notifications-center .notification-list-item', (items) =>
        items.filter((i) => i.querySelector('.codicon-error')).map((i) => i.textContent?.trim() ?? ''),
      );
      await ui.runCommand('Notifications: Hide Notifications');
      const relevant = errors.filter((e) => !/ENOTFOUND|open-vsx/.test(e)); // offline gallery look-ups
      if (relevant.length > 0) throw new Error(`error notification(s): ${relevant.join(' | ')}`);
    },
  },
  {
    name: 'preview the documentation page',
    action: async (ui) => {
      await ui.runCommand('Detection Workbench: Preview Documentation');
      await ui.waitFor(
        () => [...document.querySelectorAll('.tab')].some((t) => /Preview/.test(t.textContent ?? '')),
        undefined,
        'a Markdown preview tab',
      );
      // The page has rendered once its macro link is in the preview's webview frame.
      await ui.waitForFrameSelector('a[href*="security_content_ctime.yml"]', 'the rendered documentation page in the preview');
      await ui.runCommand('View: Focus First Editor Group');
    },
    screenshot: 'documentation.png',
  },
  {
    name: 'follow a macro link from the documentation page',
    action: async (ui) => {
      // The preview is a webview: nested frames. Find the rendered link to the macro's file.
      const link = await ui.waitForFrameSelector('a[href*="security_content_ctime.yml"]', 'a link to macros/security_content_ctime.yml in the documentation preview');
      await link.click();
      await ui.waitFor(
        () => [...document.querySelectorAll('.tab')].some((t) => /security_content_ctime\.yml/.test(t.textContent ?? '')),
        undefined,
        'the macro file opened from the link',
      );
      await ui.waitForEditorText('definition:');
      // Keyboard focus may still be inside the preview's frame, where F1 does not reach the
      // workbench: close the macro's tab and go back to the detection with the mouse.
      await ui.page.locator('.tab', { hasText: 'security_content_ctime.yml' }).first().click({ button: 'middle' });
      await ui.page.locator('.tab', { hasText: ui.detection }).first().click();
      await ui.waitForEditorText('search:');
    },
  },
  {
    name: 'break the detection and show the Problems panel',
    action: async (ui) => {
      // Unsaved edits only: `type: Anomaly` → `type: Anomally`, and a misspelled macro.
      // The detection's editor must have focus (an earlier step may have left it elsewhere).
      await ui.clearPointer();
      await ui.page.locator('.tab', { hasText: ui.detection }).first().click();
      await ui.waitForEditorText('search:');
      await ui.runCommand('Go to Line/Column...');
      // Type only once the palette has switched to the go-to-line mode, and edit once it has closed.
      await ui.waitFor(() => (document.querySelector('.quick-input-widget input')?.value ?? '').startsWith(':'), undefined, 'the go-to-line input');
      await ui.page.keyboard.type('7');
      await ui.page.keyboard.press('Enter');
      await ui.waitFor(() => {
        const w = document.querySelector('.quick-input-widget');
        return !w || w.style.display === 'none' || w.offsetParent === null;
      }, undefined, 'the go-to-line input to close');
      await ui.page.keyboard.press('End');
      await ui.page.keyboard.press('ArrowLeft');
      await ui.page.keyboard.type('l');
      await ui.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await ui.waitFor(
        () => (document.querySelector('.markers-panel')?.textContent ?? '').includes('Anomaly'),
        undefined,
        'the Problems panel to list the enum error',
      );
    },
    screenshot: 'problems.png',
  },
];

/** Helpers handed to each step. */
function makeUi(page, detection) {
  const ui = {
    page,
    detection,
    /** Waits until `probe()` (run in the page) is truthy. */
    async waitFor(probe, arg, what, timeout = DEADLINE_MS) {
      try {
        await page.waitForFunction(probe, arg, { timeout, polling: 200 });
      } catch {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      }
    },
    /** Ctrl+P, type `text`, Enter: opens the best match. */
    async quickOpen(text) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await input.fill(text);
      // The first file search of a session starts VS Code's search service: allow it time.
      await ui.waitFor(
        (name) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((r) => r.textContent?.includes(name)),
        text,
        `a Quick Open entry for ${text}`,
        DEADLINE_MS * 1.5,
      );
      await page.keyboard.press('Enter');
      await ui.waitFor(
        (name) => !!document.querySelector(`.tabs-container .tab.active[aria-label*="${name}"]`),
        text,
        `the editor tab of ${text}`,
      );
    },
    /** Waits until the active editor shows `text`. */
    async waitForEditorText(text) {
      await ui.waitFor(
        (t) => {
          const lines = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
          return !!lines && (lines.textContent ?? '').replace(/\u00a0/g, ' ').includes(t);
        },
        text,
        `the editor to show "${text}"`,
      );
    },
    /** F1, type a command title, pick the entry with exactly that title. */
    async runCommand(title) {
      // A mouse resting where the palette opens raises a tooltip over its first row: move it away.
      await ui.clearPointer();
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      await input.fill(`>${title}`);
      await ui.pickQuickInputRow(title);
    },
    /** Clicks the first Quick Input row whose text contains `label` (waits for it to appear). */
    async pickQuickInputRow(label) {
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
      // A tooltip under a resting mouse (the palette's input, a tab) would take the click.
      await ui.clearPointer();
      try {
        await row.waitFor({ state: 'visible', timeout: DEADLINE_MS });
      } catch {
        throw new Error(`no Quick Input entry "${label}"`);
      }
      await row.click();
    },
    /** "Preferences: Color Theme" from the command palette, then pick `name`. */
    async selectColorTheme(name) {
      await ui.runCommand('Preferences: Color Theme');
      await page.locator('.quick-input-widget input').fill(name);
      await ui.pickQuickInputRow(name);
    },
    /** Waits until the workbench uses a theme of kind 'vs' (light), 'vs-dark' or 'hc-black'. */
    async waitForTheme(kind) {
      await ui.waitFor((k) => document.querySelector('.monaco-workbench')?.classList.contains(k), kind, `theme kind ${kind}`);
    },
    /** Parks the mouse on an empty spot of the activity bar and waits until no tooltip is shown. */
    async clearPointer() {
      await page.mouse.move(1, 500);
      await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: DEADLINE_MS }).catch(() => {});
    },
    /** Where the first occurrence of `text` in the active editor is on screen (undefined: not visible). */
    textPoint(text) {
      return page.evaluate((t) => {
        const lines = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
        if (!lines) return undefined;
        const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(t);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + Math.min(t.length, 3));
          const box = range.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        }
        return undefined;
      }, text);
    },
    /** Moves the mouse onto the first occurrence of `text` in the active editor and waits for a hover. */
    async hoverOnText(text, expect) {
      let point = await ui.textPoint(text);
      if (!point) throw new Error(`"${text}" is not visible in the active editor`);
      // The language server may still be starting or indexing: a hover shown too early does not
      // update while the mouse stays put, so move away (until the hover hides) and back until the
      // expected text appears, up to the deadline.
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
      const deadline = Date.now() + DEADLINE_MS;
      let last = '';
      while (Date.now() < deadline) {
        // Lines may have moved since (code lenses, decorations appear as the server answers).
        point = (await ui.textPoint(text)) ?? point;
        await page.mouse.move(point.x, point.y + 200, { steps: 2 });
        await hover.waitFor({ state: 'hidden', timeout: Math.max(1, deadline - Date.now()) }).catch(() => {});
        await page.mouse.move(point.x, point.y, { steps: 3 });
        try {
          await hover.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(15_000, deadline - Date.now())) });
          // A hover renders in parts (the "Loading..." placeholder first): wait for the text.
          const handle = await page.waitForFunction(
            ([source, flags]) => {
              const el = document.querySelector('.monaco-hover:not(.hidden) .monaco-hover-content');
              const text = el?.textContent ?? '';
              return (source === null ? text.length > 0 && !/^Loading/.test(text) : new RegExp(source, flags).test(text)) && text;
            },
            [expect ? expect.source : null, expect ? expect.flags : ''],
            { timeout: Math.max(1, Math.min(10_000, deadline - Date.now())), polling: 100 },
          );
          last = String(await handle.jsonValue());
          return last;
        } catch {
          last = (await hover.textContent({ timeout: 1_000 }).catch(() => '')) ?? last;
        }
      }
      throw new Error(`no hover${expect ? ` matching ${expect}` : ''} appeared over "${text}" within ${DEADLINE_MS} ms${last ? ` (last: ${last.slice(0, 120)})` : ''}`);
    },
    /** Waits until no extension is still activating (status bar "Activating Extensions..."). */
    async waitForExtensionsActivated(timeout = DEADLINE_MS) {
      await ui.waitFor(
        () => !(document.querySelector('.part.statusbar')?.textContent ?? '').includes('Activating Extensions'),
        undefined,
        'extensions to finish activating',
        timeout,
      );
    },
    /**
     * Waits until a page frame (the workbench, or a webview's nested frames) has an element matching
     * `selector`; returns its handle.
     */
    async waitForFrameSelector(selector, what, timeout = DEADLINE_MS) {
      const deadline = Date.now() + timeout;
      for (;;) {
        for (const frame of page.frames()) {
          const el = await frame.$(selector).catch(() => null);
          if (el) return el;
        }
        if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
        // Frames appear and load on their own: look again when one navigates, or soon.
        await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => {});
      }
    },
    /**
     * Lets rendering (fonts, semantic colouring, decorations) settle: waits until the fonts are
     * loaded and the workbench DOM has not changed for `quietMs`, up to a deadline (then goes on:
     * a screenshot of a still-busy screen beats a failed step).
     */
    async settle(quietMs = 1_000, timeout = DEADLINE_MS / 2) {
      const quiet = await page
        .evaluate(
          ([q, limit]) =>
            new Promise((resolve) => {
              const started = Date.now();
              let lastChange = Date.now();
              const observer = new MutationObserver(() => (lastChange = Date.now()));
              observer.observe(document.body, { childList: true, subtree: true, characterData: true });
              const check = () => {
                if (Date.now() - lastChange >= q) { observer.disconnect(); resolve(true); }
                else if (Date.now() - started > limit) { observer.disconnect(); resolve(false); }
                else setTimeout(check, 50);
              };
              void document.fonts.ready.then(check);
            }),
          [quietMs, timeout],
        )
        .catch(() => false);
      if (!quiet && verbose) console.log(`ui-smoke: the workbench was still changing after ${timeout} ms; going on`);
    },
  };
  return ui;
}

let server; // started code-server, stopped in cleanup()
let fakeSplunk; // the loopback stand-in for Splunk, stopped in cleanup()
let browser;

async function cleanup() {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
  await fakeSplunk?.stop().catch(() => {});
}

async function main() {
  ensureCodeServer();
  const detection = detectionFileName();
  mkdirSync(outDir, { recursive: true });

  const splunk = await startFakeSplunk();
  fakeSplunk = splunk.server;
  server = await startCodeServer({
    folder,
    machineSettings: splunk.settings,
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'extensions.ignoreRecommendations': true,
      'editor.minimap.enabled': false,
      'chat.commandCenter.enabled': false,
    },
    onOutput: (line) => verbose && console.log(`[code-server] ${line}`),
  });
  const results = [];
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (err) => console.log(`[browser:pageerror] ${err.message}`));
    if (verbose) page.on('console', (msg) => console.log(`[browser:${msg.type()}] ${plainConsoleText(msg)}`));

    const extensionPath = extensionPathOption ?? stageExtension(repoRoot, join(server.tempRoot, 'extension'));
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: extensionPath }), { waitUntil: 'domcontentloaded' });
    const ui = makeUi(page, detection);
    try {
      await ui.waitFor(() => !!document.querySelector('.monaco-workbench .part.statusbar'), undefined, 'the workbench', DEADLINE_MS * 2);
      await ui.waitFor(
        () => document.querySelectorAll('.explorer-folders-view .monaco-list-row').length > 0,
        undefined,
        'the explorer to list examples/',
        DEADLINE_MS * 2,
      );
      // Until the built-in theme extensions are scanned the web workbench shows a fallback light theme:
      // the configured dark theme being applied means the extensions are loaded.
      await ui.waitFor(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), undefined, 'the dark theme', DEADLINE_MS * 2);
      await ui.waitForExtensionsActivated(DEADLINE_MS * 2);
    } catch (err) {
      const file = join(outDir, 'failed-startup.png');
      await page.screenshot({ path: file }).catch(() => {});
      const classes = await page.evaluate(() => document.querySelector('.monaco-workbench')?.className).catch(() => '?');
      throw new Error(`${err instanceof Error ? err.message : String(err)} (workbench classes: ${classes}; screen: ${file})`);
    }

    for (const step of STEPS) {
      const t0 = Date.now();
      try {
        await step.action?.(ui);
        if (step.screenshot) {
          if (!step.keepOverlays) {
            await page.mouse.move(1, 1); // no stray hover
            await page.keyboard.press('Escape'); // no leftover Quick Open / suggest widget
          }
          await ui.settle(step.settleMs ?? 1_500);
          await ui.waitForExtensionsActivated();
          const file = join(outDir, step.screenshot);
          await page.screenshot({ path: file });
          console.log(`ui-smoke: ✔ ${step.name} → ${file} (${Date.now() - t0} ms)`);
        } else {
          console.log(`ui-smoke: ✔ ${step.name} (${Date.now() - t0} ms)`);
        }
        results.push(true);
      } catch (err) {
        const file = join(outDir, `failed-${results.length + 1}.png`);
        await page.screenshot({ path: file }).catch(() => {});
        console.log(`ui-smoke: ✘ ${step.name}: ${err instanceof Error ? err.message : String(err)} (screen: ${file})`);
        results.push(false);
      }
    }
  } finally {
    await cleanup();
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`ui-smoke: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

let code;
try {
  code = await withTimeout(main(), timeoutMs, `ui-smoke: timed out after ${timeoutMs} ms`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  await cleanup();
  code = 1;
}
process.exit(code);

// UI steps for "Preview Detection": run the regsvcs example from the CodeLens above `search:`,
// wait for the results panel (a webview: nested frames) and the inline counts, reveal a stage in
// the editor from the funnel, and take dark and light screenshots of the panel beside the YAML.

export const PREVIEW_DETECTION = 'regsvcs_outbound_network_connection.yml';

/** The frame of the results panel once it shows `summary` (a RegExp source), or undefined. */
async function resultsFrame(ui, summary) {
  for (const frame of ui.page.frames()) {
    const text = await frame.$eval('.summary', (n) => n.textContent ?? '').catch(() => undefined);
    if (text !== undefined && new RegExp(summary).test(text)) return frame;
  }
  return undefined;
}

async function waitForResultsFrame(ui, summary, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = await resultsFrame(ui, summary);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for the results panel to show /${summary}/`);
    await ui.page.waitForTimeout(250);
  }
}

/** Steps run while the dark theme is on (after the hover step). */
export const previewDarkSteps = [
  {
    name: 'preview a detection from the CodeLens: results beside it, counts inline',
    action: async (ui) => {
      // A dialog opened by anything the panel renders (a log is attacker-controlled) fails the run.
      ui.page.on('dialog', (d) => {
        ui.dialogs = (ui.dialogs ?? 0) + 1;
        void d.dismiss();
      });
      await ui.quickOpen(PREVIEW_DETECTION);
      await ui.waitForEditorText('search:');
      const lens = ui.page.locator('.codelens-decoration a', { hasText: 'Preview on sample' }).first();
      await lens.waitFor({ state: 'visible', timeout: 60_000 });
      await lens.click();
      await waitForResultsFrame(ui, '^2 results · 8 events read');
      // Inlay hints are injected text: in a span's text or in its ::before/::after content.
      await ui.waitFor(
        () =>
          [...document.querySelectorAll('.editor-group-container .monaco-editor .view-lines span')].some((s) => {
            const around = getComputedStyle(s, '::before').content + getComputedStyle(s, '::after').content;
            return (s.textContent + around).replace(/\u00a0/g, ' ').includes('→ 4 rows');
          }),
        undefined,
        'the inline row counts in the search',
      );
      await ui.waitFor(
        () => [...document.querySelectorAll('.codelens-decoration')].some((n) => /2 results · 8 events/.test(n.textContent ?? '')),
        undefined,
        'the CodeLens summary of the run',
      );
    },
    screenshot: 'preview-dark.png',
  },
  {
    name: 'reveal a stage of the funnel in the editor',
    action: async (ui) => {
      const frame = await waitForResultsFrame(ui, '^2 results');
      await frame.locator('.stage-name', { hasText: '2. lookup' }).click();
      await ui.waitFor(
        () => /\(\d+ selected\)/.test(document.querySelector('.part.statusbar')?.textContent ?? ''),
        undefined,
        'the lookup command selected in the editor',
      );
      if (ui.dialogs) throw new Error(`${ui.dialogs} dialog(s) opened`);
    },
  },
];

/** Steps run after the switch to the light theme. */
export const previewLightSteps = [
  {
    name: 'the results panel in a light theme',
    action: async (ui) => {
      await ui.page.locator('.tab', { hasText: PREVIEW_DETECTION }).first().click();
      await ui.page.keyboard.press('Control+Home'); // back to the start of the lines after the reveal
      await ui.waitForEditorText('search:');
      await waitForResultsFrame(ui, '^2 results');
      if (ui.dialogs) throw new Error(`${ui.dialogs} dialog(s) opened`);
    },
    screenshot: 'preview-light.png',
  },
  {
    name: 'explain an event of the sample from the panel',
    action: async (ui) => {
      const frame = await waitForResultsFrame(ui, '^2 results');
      await frame.locator('input.event-number').fill('2');
      await frame.locator('button', { hasText: 'Explain event' }).click();
      const deadline = Date.now() + 60_000;
      for (;;) {
        const text = await frame.$eval('.explain-section .outcome', (n) => n.textContent ?? '').catch(() => '');
        if (/^Event 2 \(windows-sysmon\.log, line \d+\): /.test(text)) break;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the explanation of event 2 (last: "${text}")`);
        await ui.page.waitForTimeout(250);
      }
      await frame.locator('.explain-section .outcome').scrollIntoViewIfNeeded();
      if (ui.dialogs) throw new Error(`${ui.dialogs} dialog(s) opened`);
    },
    screenshot: 'explain.png',
  },
  {
    name: 'back to the editor with the mouse (keyboard focus is in the panel)',
    action: async (ui) => {
      await ui.page.locator('.tab', { hasText: PREVIEW_DETECTION }).first().click();
      await ui.waitFor(
        (name) => document.activeElement?.closest('.editor-group-container') !== null && !!document.querySelector(`.tabs-container .tab.active[aria-label*="${name}"]`),
        PREVIEW_DETECTION,
        'the editor focused again',
      );
    },
  },
];

/** The frame whose `.sample` line ends with `origin`, or undefined. */
async function sampleFrame(ui, origin) {
  for (const frame of ui.page.frames()) {
    const text = await frame.$eval('.sample', (n) => n.textContent ?? '').catch(() => undefined);
    if (text !== undefined && text.endsWith(origin)) return frame;
  }
  return undefined;
}

/** Crafts an event for the CloudTrail example from the panel's button and previews on it. */
export const craftSteps = [
  {
    name: 'craft an event that fires from the panel: the preview runs on it and a notification says what was edited',
    action: async (ui) => {
      await ui.quickOpen('aws_cloudtrail_trail_deleted.yml');
      await ui.waitForEditorText('search:');
      await ui.runCommand('Detection Workbench: Preview Detection');
      // The example's attack data: 2 results.
      const frame = await waitForResultsFrame(ui, '^2 results');
      await frame.locator('button', { hasText: 'Craft an event that fires' }).click();
      const deadline = Date.now() + 60_000;
      let crafted;
      while (!(crafted = await sampleFrame(ui, '— the crafted event'))) {
        if (Date.now() > deadline) throw new Error('timed out waiting for the preview on the crafted event');
        await ui.page.waitForTimeout(250);
      }
      const summary = await crafted.$eval('.summary', (n) => n.textContent ?? '');
      if (!/^1 result · 1 event read ·/.test(summary)) throw new Error(`unexpected summary on the crafted event: ${summary}`);
      // The notification says what was edited and offers the crafted log.
      await ui.waitFor(
        () => [...document.querySelectorAll('.notification-toast, .notifications-center .notification-list-item')].some((t) => /Crafted an event from the example_log/.test(t.textContent ?? '')),
        undefined,
        'the notification about the crafted event',
      );
      if (ui.dialogs) throw new Error(`${ui.dialogs} dialog(s) opened`);
    },
    screenshot: 'craft.png',
  },
];

/** Leaves the first detection active again for the steps that follow. */
export const backToFirstDetection = [
  {
    name: 'back to the first detection for the next steps',
    action: async (ui) => {
      // With the mouse: keyboard focus may still be inside the panel's frame.
      await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: ui.detection }).first().dblclick();
      await ui.waitFor(
        (name) => !!document.querySelector(`.tabs-container .tab.active[aria-label*="${name}"]`),
        ui.detection,
        `the editor tab of ${ui.detection}`,
      );
      await ui.waitForEditorText('search:');
    },
  },
];

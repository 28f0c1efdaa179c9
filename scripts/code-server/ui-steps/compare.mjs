// UI steps for "Replay and compare": a loopback stand-in for Splunk (test/support/fakeSplunk.ts,
// the documented export and HEC protocols) answers with rows that differ from the local run in one
// field and one extra row; the steps store the tokens through the commands' input boxes, press
// "Replay and compare" in the results panel and take a screenshot of the comparison.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

const TOKEN = 'ui-smoke-token-4e1a9c';
const HEC_TOKEN = 'ui-smoke-hec-token-77b2';

/** Starts the stand-in; returns it and the settings that point the extension at it. */
export async function startFakeSplunk() {
  const unregister = register();
  const { FakeSplunk, row } = createRequire(import.meta.url)('../../../test/support/fakeSplunk.ts');
  unregister();
  const server = await new FakeSplunk({
    token: TOKEN,
    hecToken: HEC_TOKEN,
    onExport: (form) =>
      form.get('search').startsWith('| tstats count where index=')
        ? undefined
        : {
            lines: [
              row({ dest: 'files.example.org', user: 'CORP\\svc_build', process_name: 'RegSvcs.exe', src_ip: '10.30.1.9', dest_ip: '198.51.100.7', count: '1', dest_port: '8080' }, { offset: 0 }),
              row({ dest: 'update-cdn.example.net', user: 'CORP\\jdoe', process_name: 'RegSvcs.exe', src_ip: '10.20.4.17', dest_ip: '203.0.113.50', count: '2', dest_port: ['443', '8443'] }, { offset: 1 }),
              row({ dest: 'cdn.example.com', user: 'CORP\\jdoe', process_name: 'RegSvcs.exe', src_ip: '10.20.4.17', dest_ip: '192.0.2.10', count: '1', dest_port: '443' }, { offset: 2, lastrow: true }),
            ],
          },
  }).start();
  return {
    server,
    settings: { 'detectionWorkbench.splunk.url': server.url, 'detectionWorkbench.splunk.hecUrl': server.url, 'detectionWorkbench.splunk.index': 'dw_test' },
  };
}

async function setToken(ui, command, token) {
  await ui.runCommand(command);
  const input = ui.page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(token);
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

async function frameWith(ui, selector, pattern, timeout = 90_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of ui.page.frames()) {
      const text = await frame.$eval(selector, (n) => n.textContent ?? '').catch(() => undefined);
      if (text !== undefined && pattern.test(text)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${selector} to match ${pattern}`);
    await ui.page.waitForTimeout(250);
  }
}

export const compareSteps = [
  {
    name: 'replay the attack data to Splunk and compare with the local run',
    action: async (ui) => {
      await setToken(ui, 'Detection Workbench: Set Splunk Token', TOKEN);
      await setToken(ui, 'Detection Workbench: Set HEC Token', HEC_TOKEN);
      await ui.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'regsvcs_outbound_network_connection.yml' }).first().dblclick();
      await ui.waitForEditorText('search:');
      const frame = await frameWith(ui, '.summary', /results/);
      await frame.locator('button', { hasText: 'Replay and compare' }).click();
      await frameWith(ui, '.verdict', /^Different: 1 match, 1 differ, 0 only local, 1 only on Splunk\./);
      // more room for the panel in the screenshot
      await ui.runCommand('View: Close Primary Side Bar');
    },
    screenshot: 'compare.png',
  },
  {
    name: 'show the side bar again',
    action: async (ui) => {
      await ui.runCommand('View: Toggle Primary Side Bar Visibility');
      await ui.waitFor(() => !!document.querySelector('.explorer-folders-view'), undefined, 'the explorer');
    },
  },
];

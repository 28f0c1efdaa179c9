// The two tokens live in VS Code's SecretStorage (the OS keychain), never in settings.json.
import * as vscode from 'vscode';

export const SPLUNK_TOKEN_KEY = 'detectionWorkbench.splunk.token';
export const HEC_TOKEN_KEY = 'detectionWorkbench.splunk.hecToken';

async function askAndStore(secrets: vscode.SecretStorage, key: string, what: string, where: string): Promise<boolean> {
  const value = await vscode.window.showInputBox({
    title: `Detection Workbench: ${what}`,
    prompt: `${where} Stored in VS Code's secret storage, not in settings. Leave empty to remove the stored token.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (/\s/.test(v.trim()) ? 'A token is one word without spaces' : undefined),
  });
  if (value === undefined) return false;
  if (value.trim()) {
    await secrets.store(key, value.trim());
    void vscode.window.showInformationMessage(`${what}: stored.`);
  } else {
    await secrets.delete(key);
    void vscode.window.showInformationMessage(`${what}: removed.`);
  }
  return true;
}

export function registerTokenCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('detectionWorkbench.setSplunkToken', () =>
      askAndStore(context.secrets, SPLUNK_TOKEN_KEY, 'Set Splunk Token', 'An authentication token for the management port (Splunk Web: Settings > Tokens).'),
    ),
    vscode.commands.registerCommand('detectionWorkbench.setHecToken', () =>
      askAndStore(context.secrets, HEC_TOKEN_KEY, 'Set HEC Token', 'An HTTP Event Collector token allowed to write to the test index (Settings > Data inputs > HTTP Event Collector).'),
    ),
  );
}

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, LspTestClient, REPO_ROOT, uriOf } from './lspClient';

const ATTACK_FILE = path.join(REPO_ROOT, 'test', 'unit', 'schema', 'fixtures', 'attack-mini.json');

const DETECTION = `name: Rundll32 Loading A Script
id: 5c2d7e1a-9b3f-4c6d-8e0a-2f4b6d8c0e13
version: 1
date: '2024-06-01'
author: Detection Workbench tests
status: production
type: TTP
description: Finds rundll32.exe loading a script through javascript or vbscript.
data_source:
- Sysmon EventID 1
search: '\`sysmon\` EventID=1 process_name=rundll32.exe CommandLine="*javascript:*" | stats count min(_time) as firstTime by dest user CommandLine | \`security_content_ctime(firstTime)\` | \`rundll32_loading_a_script_filter\`'
how_to_implement: Collect Sysmon process creation events.
known_false_positives: None known.
references:
- https://attack.mitre.org/techniques/T1218/011/
tags:
  analytic_story:
  - Living Off The Land
  asset_type: Endpoint
  confidence: 80
  impact: 70
  message: rundll32 ran a script on $dest$ as $user$
  mitre_attack_id:
  - T1218.011
  observable:
  - name: dest
    type: Hostname
    role:
    - Victim
  product:
  - Splunk Enterprise
  required_fields:
  - dest
  risk_score: 56
  security_domain: endpoint
`;

describe('language server over stdio: documentation page', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start(EXAMPLES, { attack: { file: ATTACK_FILE } });
    await client.connection.sendRequest('detectionWorkbench/status');
  });
  after(async () => client?.stop());

  const documentation = (uri: string) =>
    client.connection.sendRequest<{ markdown?: string; error?: string }>('detectionWorkbench/documentation', { uri });

  it('renders an open detection with ATT&CK names from the configured file and linked macros', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'rundll32_loading_a_script.yml');
    const uri = await client.open(file, DETECTION);
    const { markdown, error } = await documentation(uri);
    assert.strictEqual(error, undefined);
    assert.ok(markdown!.startsWith('# Rundll32 Loading A Script\n'));
    assert.match(markdown!, /\| \[T1218\.011\]\(https:\/\/attack\.mitre\.org\/techniques\/T1218\/011\/\) \| Rundll32 \| Defense Evasion \|/);
    assert.match(markdown!, /```spl\n`sysmon` EventID=1 process_name=rundll32\.exe/);
    const ctime = uriOf(path.join(EXAMPLES, 'macros', 'security_content_ctime.yml'));
    assert.ok(markdown!.includes(`(${ctime}#L3)`), 'the macro links to its definition line');
    assert.match(markdown!, /\| 70 \| 80 \| 56 \(medium\) \| rundll32 ran a script on `\$dest\$` as `\$user\$` \|/);
  });

  it('follows edits of the open document', async () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');
    const uri = await client.open(file, fs.readFileSync(file, 'utf8'));
    assert.match((await documentation(uri)).markdown!, /^# PowerShell Encoded Command\n/);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'name: Renamed\nsearch: "broken\n' }],
    });
    const { markdown } = await documentation(uri);
    assert.match(markdown!, /could not be read/);
  });

  it('answers with an error for a document that is not open', async () => {
    const { error, markdown } = await documentation(uriOf(path.join(EXAMPLES, 'detections', 'nowhere.yml')));
    assert.strictEqual(markdown, undefined);
    assert.match(error!, /not open/);
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createDocumentModel } from '../../../server/src/analysis/documentModel';
import { documentationPage, severityOf, tacticName, v4RiskScore } from '../../../server/src/analysis/docPage';
import { ContentIndex } from '../../../server/src/content';
import { loadAttackIndex } from '../../../server/src/schema';

const REPO = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(REPO, 'examples');
const ATTACK = loadAttackIndex(path.join(REPO, 'test', 'unit', 'schema', 'fixtures', 'attack-mini.json'));
const POWERSHELL = path.join(EXAMPLES, 'detections', 'endpoint', 'powershell_encoded_command.yml');

const index = new ContentIndex();
index.buildSync([EXAMPLES]);

function page(file: string, text: string, generation: 'v4' | 'v5', withAttack = true): string {
  return documentationPage(createDocumentModel(file, text), index, { generation, attack: withAttack ? ATTACK : undefined });
}

/** The body of a `## title` section (up to the next heading), or undefined when absent. */
function sectionOf(md: string, title: string): string | undefined {
  const m = new RegExp(`^## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(md);
  return m?.[1].trim();
}

const V5 = `name: Rundll32 Without Arguments
id: 0b5f2a3c-4d5e-4f60-8a7b-1c2d3e4f5a6b
version: 3
date: '2025-01-15'
author: Detection Workbench tests
status: experimental
type: TTP
description: Finds rundll32.exe started with no arguments, a pattern of process injection.
data_source:
- Sysmon EventID 1
search: '\`sysmon\` EventID=1 process_name=rundll32.exe | stats count by dest user process | \`rundll32_without_arguments_filter\`'
how_to_implement: Collect Sysmon process creation events.
known_false_positives: None known.
references:
- https://attack.mitre.org/techniques/T1218/011/
rba:
  message: Rundll32 without arguments ran on $dest$ as $user$
  risk_objects:
  - field: dest
    type: system
    score: 56
  - field: user
    type: user
    score: 40
  threat_objects:
  - field: process
    type: process
tags:
  analytic_story:
  - Living Off The Land
  asset_type: Endpoint
  mitre_attack_id:
  - T1218.011
  - T9999
  kill_chain_phases:
  - Exploitation
  nist:
  - DE.CM
  product:
  - Splunk Enterprise
  security_domain: endpoint
tests:
- name: True Positive Test
  attack_data:
  - data: https://example.com/attack_data/rundll32.log
    source: XmlWinEventLog:Microsoft-Windows-Sysmon/Operational
    sourcetype: xmlwineventlog
`;

describe('documentation page', () => {
  describe('a v4 detection from examples/', () => {
    const md = page(POWERSHELL, fs.readFileSync(POWERSHELL, 'utf8'), 'v4');

    it('starts with the title, the facts line and the description', () => {
      const lines = md.split('\n');
      assert.strictEqual(lines[0], '# PowerShell Encoded Command');
      assert.match(md, /\*\*Type:\*\* Anomaly · \*\*Status:\*\* production · \*\*Products:\*\* Splunk Enterprise, Splunk Enterprise Security, Splunk Cloud/);
      assert.match(md, /\*\*Date:\*\* 2024-05-02 · \*\*Author:\*\* Detection Workbench examples · \*\*ID:\*\* `1a7d3b9f-0c2e-4d4f-b6a8-9e0f1b2c3d42` · \*\*Version:\*\* 1/);
      assert.match(md, /^Finds PowerShell started with an encoded command/m);
    });

    it('shows the search as written in an spl block', () => {
      const search = sectionOf(md, 'Search')!;
      assert.ok(search.startsWith('```spl\n| tstats `security_content_summariesonly` count'));
      assert.ok(search.endsWith('`powershell_encoded_command_filter`\n```'));
    });

    it('links each macro to its file and line, nested ones indented, built-ins marked', () => {
      const macros = sectionOf(md, 'Macros')!;
      const ctime = pathToFileURL(path.join(EXAMPLES, 'macros', 'security_content_ctime.yml')).toString();
      assert.ok(macros.includes(`- \`security_content_ctime(firstTime)\` — [macros/security_content_ctime.yml:3](${ctime}#L3)`), macros);
      assert.match(macros, /^ {2}- `summariesonly_config` — \[macros\/summariesonly_config\.yml:1\]\(file:\/\/\//m);
      assert.match(macros, /^- `powershell_encoded_command_filter` — built-in \(the detection's filter macro/m);
      assert.match(macros, /^- `drop_dm_object_name\(Processes\)` — built-in/m);
    });

    it('links data sources and stories, lists required fields, implementation and false positives', () => {
      const ds = pathToFileURL(path.join(EXAMPLES, 'data_sources', 'sysmon_eventid_1.yml')).toString();
      assert.ok(sectionOf(md, 'Data Sources')!.startsWith(`- [Sysmon EventID 1](${ds}#L1) — source \`XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\``));
      assert.match(sectionOf(md, 'Analytic Stories')!, /^- \[Living Off The Land\]\(file:\/\/\/.*living_off_the_land\.yml#L1\)$/);
      assert.deepStrictEqual(sectionOf(md, 'Required Fields')!.split('\n').slice(0, 2), ['- `_time`', '- `Processes.dest`']);
      assert.match(sectionOf(md, 'How To Implement')!, /^Map process creation events/);
      assert.match(sectionOf(md, 'Known False Positives')!, /^Management tools/);
    });

    it('shows the v4 risk: impact, confidence, the computed score, the message with $field$ and observables', () => {
      const rba = sectionOf(md, 'Risk-Based Alerting')!;
      assert.match(rba, /\| 50 \| 60 \| 30 \(low\) \| PowerShell with an encoded command ran on `\$dest\$` as `\$user\$` from `\$parent_process_name\$`\. \|/);
      assert.match(rba, /\| `dest` \| Hostname \| Victim \|/);
      assert.match(rba, /\| `user` \| User \| Victim \|/);
      assert.ok(!rba.includes('⚠'), 'the declared risk_score 30 agrees with 50 × 60 / 100');
    });

    it('lists references as links and the test datasets with source and sourcetype', () => {
      assert.match(sectionOf(md, 'References')!, /^- \[https:\/\/attack\.mitre\.org\/techniques\/T1059\/001\/\]\(https:\/\/attack\.mitre\.org\/techniques\/T1059\/001\/\)$/m);
      const data = sectionOf(md, 'Test Datasets')!;
      assert.match(data, /^- \*\*True Positive Test\*\*$/m);
      assert.match(data, /^ {2}- \[.*windows-sysmon\.log\]\(https:\/\/media\.githubusercontent\.com\/media\/splunk\/attack_data\/master\/datasets\/attack_techniques\/T1059\.001\/encoded\/windows-sysmon\.log\) — source `XmlWinEventLog:Microsoft-Windows-Sysmon\/Operational`, sourcetype `xmlwineventlog`$/m);
    });

    it('without an ATT&CK index shows the ids and says how to get names', () => {
      const plain = page(POWERSHELL, fs.readFileSync(POWERSHELL, 'utf8'), 'v4', false);
      const attack = sectionOf(plain, 'MITRE ATT&CK')!;
      assert.match(attack, /\| \[T1059\.001\]\(https:\/\/attack\.mitre\.org\/techniques\/T1059\/001\/\) \|/);
      assert.match(attack, /detectionWorkbench\.attack\.file/);
      assert.ok(!attack.includes('Technique |'));
    });

    it('omits sections the YAML does not have (kill chain, NIST/CIS)', () => {
      assert.strictEqual(sectionOf(md, 'Kill Chain Phase'), undefined);
      assert.strictEqual(sectionOf(md, 'Frameworks'), undefined);
      assert.ok(!/^## .*\n\n(?=## |$)/m.test(md), 'no empty section');
    });

    it('flags a declared tags.risk_score that disagrees with impact × confidence / 100', () => {
      const text = fs.readFileSync(POWERSHELL, 'utf8').replace('risk_score: 30', 'risk_score: 45');
      assert.match(sectionOf(page(POWERSHELL, text, 'v4'), 'Risk-Based Alerting')!, /tags\.risk_score` is 45, but impact × confidence \/ 100 = 30/);
    });
  });

  describe('a v5 detection with an rba: block', () => {
    const file = path.join(EXAMPLES, 'detections', 'endpoint', 'rundll32_without_arguments.yml');
    const md = page(file, V5, 'v5');

    it('names techniques and tactics from the ATT&CK index and marks unknown ids', () => {
      const attack = sectionOf(md, 'MITRE ATT&CK')!;
      assert.match(attack, /\| \[T1218\.011\]\(https:\/\/attack\.mitre\.org\/techniques\/T1218\/011\/\) \| Rundll32 \| Defense Evasion \|/);
      assert.match(attack, /\| \[T9999\]\(.*\) \| _not in the ATT&CK file_ \| — \|/);
    });

    it('shows the rba message, risk objects with scores and threat objects', () => {
      const rba = sectionOf(md, 'Risk-Based Alerting')!;
      assert.match(rba, /^\*\*Message:\*\* Rundll32 without arguments ran on `\$dest\$` as `\$user\$`$/m);
      assert.match(rba, /\*\*Risk score:\*\* 56 \(medium/);
      assert.match(rba, /\| `dest` \| system \| 56 \|/);
      assert.match(rba, /\| `user` \| user \| 40 \|/);
      assert.match(rba, /\| Threat object \| Type \|\n\| --- \| --- \|\n\| `process` \| process \|/);
    });

    it('shows kill chain phases and NIST when present, and no CIS line', () => {
      assert.strictEqual(sectionOf(md, 'Kill Chain Phase'), '- Exploitation');
      assert.strictEqual(sectionOf(md, 'Frameworks'), '**NIST:** DE.CM');
      assert.match(md, /\*\*Type:\*\* TTP · \*\*Status:\*\* experimental · \*\*Product:\*\* Splunk Enterprise/);
    });

    it('falls back to the other generation\'s risk block when the preferred one is absent', () => {
      assert.match(sectionOf(page(file, V5, 'v4'), 'Risk-Based Alerting')!, /Risk object/);
    });
  });

  describe('missing sections and bad input', () => {
    it('renders a minimal detection with only the sections it has', () => {
      const file = path.join(EXAMPLES, 'detections', 'endpoint', 'minimal.yml');
      const md = page(file, 'name: Minimal\nsearch: index=main | stats count\n', 'v5');
      assert.strictEqual(md, '# Minimal\n\n## Search\n\n```spl\nindex=main | stats count\n```\n');
    });

    it('uses a longer fence when the search holds a ``` comment', () => {
      const file = path.join(EXAMPLES, 'detections', 'endpoint', 'commented.yml');
      const md = page(file, "name: Commented\nsearch: 'index=main ```note``` | stats count'\n", 'v5');
      assert.match(md, /````spl\nindex=main ```note``` \| stats count\n````/);
    });

    it('says what could not be read for broken YAML, without throwing', () => {
      const file = path.join(EXAMPLES, 'detections', 'endpoint', 'broken.yml');
      const md = page(file, 'name: Broken\nsearch: "unterminated\ntags:\n  - [x\n', 'v5');
      assert.match(md, /^# broken\n/);
      assert.match(md, /could not be read/);
      assert.match(md, /^- Line \d+: /m);
      assert.ok(!md.includes('## Search'));
    });

    it('handles a YAML scalar or list instead of a mapping, and odd value types', () => {
      const file = path.join(EXAMPLES, 'detections', 'endpoint', 'odd.yml');
      assert.match(page(file, '- just\n- a list\n', 'v5'), /not a YAML mapping/);
      const md = page(file, 'name: 42\ntags: [1, 2]\nrba: nope\nreferences: not-a-url\ntests: {}\ndata_source: 7\n', 'v5');
      assert.match(md, /^# 42$/m);
      assert.strictEqual(sectionOf(md, 'References'), '- not-a-url');
      assert.match(sectionOf(md, 'Data Sources')!, /7 — ⚠ not found/);
      assert.strictEqual(sectionOf(md, 'Risk-Based Alerting'), undefined);
    });
  });

  describe('helpers', () => {
    it('computes the v4 risk score as impact × confidence / 100, rounded', () => {
      assert.strictEqual(v4RiskScore(50, 60), 30);
      assert.strictEqual(v4RiskScore(90, 90), 81);
      assert.strictEqual(v4RiskScore(70, 90), 63);
      assert.strictEqual(v4RiskScore(33, 33), 11);
      assert.strictEqual(v4RiskScore(100, 100), 100);
    });

    it('names severities and tactics', () => {
      assert.deepStrictEqual([20, 21, 40, 41, 61, 81].map(severityOf), ['informational', 'low', 'low', 'medium', 'high', 'critical']);
      assert.strictEqual(tacticName('defense-evasion'), 'Defense Evasion');
      assert.strictEqual(tacticName('command-and-control'), 'Command and Control');
    });
  });
});

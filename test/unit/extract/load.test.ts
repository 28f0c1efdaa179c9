import { strict as assert } from 'assert';
import * as path from 'path';
import { createExtractor } from '../../../server/src/engine/extract/extractor';
import { loadAddonConfig, loadAppsUnder } from '../../../server/src/engine/extract/conf/load';
import { FieldValue, Row } from '../../../server/src/engine/types';
import { SYSMON_1 } from './fixtures/events';

const USER = path.join(__dirname, 'fixtures/user-addons');
const meta = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'xmlwineventlog', host: 'h' };

describe('extract/add-on folders on disk', () => {
  it('finds apps in a folder of apps and a single app folder; missing folders load nothing', () => {
    assert.deepEqual(loadAppsUnder(USER).map((a) => a.name), ['my_sysmon_fix']);
    assert.deepEqual(loadAppsUnder(path.join(USER, 'my_sysmon_fix')).map((a) => a.name), ['my_sysmon_fix']);
    assert.deepEqual(loadAppsUnder(path.join(USER, 'does-not-exist')), []);
  });

  it('user add-ons win over built-ins (settings, local over default, lookup files)', () => {
    const cfg = loadAddonConfig({ userDirs: [USER] });
    assert.equal(cfg.apps[cfg.apps.length - 1], 'my_sysmon_fix');
    const evalFake = { compile: (e: string) => (e.startsWith('"') ? () => e.slice(1, -1) as FieldValue : { severity: 'warning' as const, message: 'skip' }) };
    const ex = createExtractor({ userDirs: [USER], evalCompiler: evalFake });
    const row: Row = ex.extract({ raw: SYSMON_1, format: 'xml', line: 1 }, meta);
    assert.equal(row.user_from_user_addon, 'EXAMPLE\\alice');
    assert.equal(row.user, undefined, 'the user add-on replaced FIELDALIAS-sysmon_user');
    assert.equal(row.vendor_product, 'local layer');
    assert.equal(row.EventDescription, 'User add-on description');
    assert.equal(row.process_name, 'cmd.exe', 'other built-in settings still apply');
  });

  it('builtinDir: null loads no built-in packs', () => {
    const ex = createExtractor({ builtinDir: null });
    const row = ex.extract({ raw: SYSMON_1, format: 'xml', line: 1 }, meta);
    assert.equal(row.EventCode, undefined);
  });
});

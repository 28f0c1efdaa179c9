import { strict as assert } from 'assert';
import { loadAddonConfig } from '../../../server/src/engine/extract/conf/load';
import { FieldExtractor } from '../../../server/src/engine/extract/extractor';
import { WINEVENTLOG_4624 } from './fixtures/events';

describe('extract/classic WinEventLog text', () => {
  const ex = new FieldExtractor({ config: loadAddonConfig() });
  const row = ex.extract({ raw: WINEVENTLOG_4624, format: 'wineventlog', line: 1 }, { source: 'WinEventLog:Security', sourcetype: 'WinEventLog', host: 'h' });

  it('header Key=Value lines, header timestamp and the Message body', () => {
    assert.equal(row.EventCode, '4624');
    assert.equal(row.ComputerName, 'dc-01.example.test');
    assert.equal(row.TaskCategory, 'Logon');
    assert.equal(row.category, 'Logon');
    assert.equal(row.dvc, 'dc-01.example.test');
    assert.equal(row._time, Date.UTC(2021, 0, 14, 23, 41, 39) / 1000);
    assert.match(String(row.Message), /^An account was successfully logged on\./);
  });

  it('"Label:  value" lines of the message become Label fields, multivalue when repeated', () => {
    assert.deepEqual(row.Security_ID, ['NULL SID', 'EXAMPLE\\carol']);
    assert.deepEqual(row.Account_Name, ['-', 'carol']);
    assert.equal(row.Logon_Type, '3');
    assert.equal(row.Source_Network_Address, '203.0.113.9');
    assert.equal(row.Subject, undefined, 'section headers without a value are not fields');
  });

  it('a WinEventLog:<channel> sourcetype is renamed to WinEventLog for search time', () => {
    const r = ex.extract({ raw: WINEVENTLOG_4624, format: 'wineventlog', line: 1 }, { source: 'x', sourcetype: 'WinEventLog:Security', host: 'h' });
    assert.deepEqual(r.Account_Name, ['-', 'carol']);
    assert.equal(r.sourcetype, 'WinEventLog:Security');
  });
});

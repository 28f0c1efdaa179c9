import { strict as assert } from 'assert';
import { matchStanzas, stanzaPatternToRegex } from '../../../server/src/engine/extract/stanza-match';

const meta = { source: '/var/log/app/x/access.log', sourcetype: 'access', host: 'web-01' };

describe('extract/stanza matching', () => {
  it('"..." crosses path separators, "*" does not', () => {
    assert.ok(stanzaPatternToRegex('/var/log/.../*.log').test('/var/log/app/x/access.log'));
    assert.ok(!stanzaPatternToRegex('/var/log/*.log').test('/var/log/app/access.log'));
    assert.ok(stanzaPatternToRegex('/var/log/*.log').test('/var/log/access.log'));
    assert.ok(stanzaPatternToRegex('(?i)xmlwineventlog:...').test('XmlWinEventLog:Security'));
    assert.ok(!stanzaPatternToRegex('xmlwineventlog:...').test('XmlWinEventLog:Security'));
    assert.ok(stanzaPatternToRegex('/var/log/(a|b).log').test('/var/log/b.log'));
    assert.ok(stanzaPatternToRegex('(?::){0}XmlWinEventLog:...').test('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'));
    assert.ok(!stanzaPatternToRegex('a.b').test('axb'));
  });

  it('orders source over host over sourcetype over default', () => {
    const got = matchStanzas(
      [{ name: 'access' }, { name: 'default' }, { name: 'host::web-*' }, { name: 'source::.../access.log' }, { name: 'other' }],
      meta,
    ).map((m) => m.name);
    assert.deepEqual(got, ['default', 'access', 'host::web-*', 'source::.../access.log']);
  });

  it('within a kind: literal (100) over pattern (0), explicit priority, then ASCII-lower name wins', () => {
    const got = matchStanzas(
      [{ name: 'source::...z...' }, { name: 'source::...a...' }, { name: 'source::/logs/az.log' }],
      { ...meta, source: '/logs/az.log' },
    ).map((m) => m.name);
    // Lowest precedence first: ...z... < ...a... (ASCII-lower wins) < literal.
    assert.deepEqual(got, ['source::...z...', 'source::...a...', 'source::/logs/az.log']);
    const pr = matchStanzas([{ name: 'source::...a...', priority: '5' }, { name: 'source::...z...', priority: '10' }], { ...meta, source: 'az' });
    assert.deepEqual(pr.map((m) => m.name), ['source::...a...', 'source::...z...']);
  });
});

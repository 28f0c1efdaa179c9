import * as assert from 'assert';
import { messageFields, renderRiskMessage, requiredRiskFields, riskEntriesOf } from '../../../server/src/analysis/riskEntries';

describe('riskEntries', () => {
  const v4 = {
    tags: {
      impact: 70,
      confidence: 90,
      message: 'RegSvcs.exe on $dest$ run by $user$\n  connected to $dest_ip$.',
      observable: [
        { name: 'user', type: 'User', role: ['Victim'] },
        { name: 'dest', type: 'Hostname', role: ['Victim'] },
        { name: 'dest_ip', type: 'IP Address', role: ['Attacker'] },
      ],
    },
  };
  const v5 = {
    rba: {
      message: 'Process $process_name$ on $dest$',
      risk_objects: [{ field: 'dest', type: 'system', score: 64 }, { field: 'user', type: 'user', score: '20' }],
      threat_objects: [{ field: 'process_name', type: 'process_name' }],
    },
  };

  it('reads v4 observables: Victim → risk object scored impact × confidence / 100, Attacker → threat object', () => {
    const r = riskEntriesOf(v4)!;
    assert.strictEqual(r.source, 'v4');
    assert.strictEqual(r.message, 'RegSvcs.exe on $dest$ run by $user$ connected to $dest_ip$.');
    assert.deepStrictEqual(r.riskObjects, [
      { field: 'user', type: 'User', score: 63 },
      { field: 'dest', type: 'Hostname', score: 63 },
    ]);
    assert.deepStrictEqual(r.threatObjects, [{ field: 'dest_ip', type: 'IP Address' }]);
  });

  it('reads v5 rba blocks with numeric scores', () => {
    const r = riskEntriesOf(v5)!;
    assert.strictEqual(r.source, 'v5');
    assert.deepStrictEqual(r.riskObjects.map((o) => [o.field, o.score]), [['dest', 64], ['user', 20]]);
    assert.deepStrictEqual(r.threatObjects, [{ field: 'process_name', type: 'process_name', score: undefined }]);
  });

  it('prefers the requested generation and falls back to the other', () => {
    const both = { ...v4, ...v5 };
    assert.strictEqual(riskEntriesOf(both, 'v5')!.source, 'v5');
    assert.strictEqual(riskEntriesOf(both, 'v4')!.source, 'v4');
    assert.strictEqual(riskEntriesOf(v4, 'v5')!.source, 'v4');
    assert.strictEqual(riskEntriesOf({ tags: { analytic_story: ['x'] } }), undefined);
    assert.strictEqual(riskEntriesOf('not a mapping'), undefined);
  });

  it('lists the fields a result must carry, without repeats', () => {
    assert.deepStrictEqual(requiredRiskFields(riskEntriesOf(v4)!), ['dest', 'user', 'dest_ip']);
    assert.deepStrictEqual(messageFields('$a$ and $b$ and $a$, $ not a token $'), ['a', 'b']);
  });

  it('renders a message per row and names the fields the row lacks', () => {
    const r = renderRiskMessage('On $dest$ by $user$ ($ports$)', { dest: 'win-01', ports: ['443', '8443'] });
    assert.strictEqual(r.text, 'On win-01 by $user$ (443,8443)');
    assert.deepStrictEqual(r.missing, ['user']);
    const proto = renderRiskMessage('$constructor$ $__proto__$', Object.create(null));
    assert.deepStrictEqual(proto.missing, ['constructor', '__proto__']);
  });
});

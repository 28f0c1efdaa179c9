// TIME_FORMAT conversions around epoch seconds: `%s.%6N` (the Splunk Add-on for Zeek's format for
// Zeek's `ts`, e.g. 1591367999.305988) reads the seconds with %s and the microseconds with %6N.
import { strict as assert } from 'assert';
import { parseWithFormat } from '../../../server/src/engine/extract/auto/time';

describe('extract/TIME_FORMAT %s', () => {
  it('%s.%6N splits the seconds and the microseconds', () => {
    assert.equal(parseWithFormat('1591367999.305988,"uid"', '%s.%6N'), 1591367999.305988);
    assert.equal(parseWithFormat('1591367999.5', '%s.%6N'), 1591367999.5);
  });

  it('%s alone keeps a trailing fraction, and needs digits', () => {
    assert.equal(parseWithFormat('1700000000.25', '%s'), 1700000000.25);
    assert.equal(parseWithFormat('1700000000 ACCEPT', '%s'), 1700000000);
    assert.equal(parseWithFormat('-', '%s'), undefined);
  });
});

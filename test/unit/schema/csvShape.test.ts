import * as assert from 'assert';
import { parseCsvShape } from '../../../server/src/schema';
import { parseCsvRecords } from '../../../server/src/schema/csvShape';

describe('schema/csvShape', () => {
  it('parses quoted fields with commas, quotes and newlines', () => {
    assert.deepStrictEqual(parseCsvRecords('a,b\r\n"x,1","say ""hi""\nthere"\n'), [['a', 'b'], ['x,1', 'say "hi"\nthere']]);
    assert.deepStrictEqual(parseCsvRecords('\ufeffa\n\n\nb'), [['a'], ['b']]);
  });

  it('reports rows whose width differs from the header (header = row 1)', () => {
    const s = parseCsvShape('h1,h2,h3\r\n1,2,3\r\n"a,b",c\r\n1,2,3,4\n\n"multi\nline",x,y\n');
    assert.deepStrictEqual(s.header, ['h1', 'h2', 'h3']);
    assert.deepStrictEqual(s.badRows, [{ row: 3, columns: 2 }, { row: 4, columns: 4 }]);
    assert.deepStrictEqual(parseCsvShape(''), { header: [], badRows: [] });
    assert.deepStrictEqual(parseCsvShape('a,b\n1,2').badRows, []);
  });
});

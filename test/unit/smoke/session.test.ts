import * as assert from 'assert';
import { SERVER_NAME } from '../../../server/src/lsp/session';

describe('server module', () => {
  it('names itself', () => {
    assert.strictEqual(SERVER_NAME, 'detection-workbench');
  });
});

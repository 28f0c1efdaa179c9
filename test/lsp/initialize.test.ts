import * as assert from 'assert';
import { LspTestClient } from './lspClient';

describe('language server over stdio: initialize', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client?.stop());

  it('identifies itself', () => {
    assert.strictEqual(client.initializeResult?.serverInfo?.name, 'detection-workbench');
  });

  it('syncs documents incrementally', () => {
    assert.strictEqual(client.initializeResult?.capabilities.textDocumentSync, 2);
  });
});

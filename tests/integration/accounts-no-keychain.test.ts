// Linux without a Secret Service: a real web host process whose D-Bus session leads nowhere.
// Connecting a handle or storing the app Bearer token fails with a message on how to enable a
// keychain, and nothing secret lands on disk.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
import { startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';
import { openWebClient, type WebClient } from '../helpers/web-client';

const BEARER = 'AAAAAAAAAAAAAAAAAAAAAno-keychain-test-bearer';

let host: Started;
let client: WebClient;
const dataDir = tempDir('deckhand-nokeychain-');
const rendererDir = tempDir('deckhand-renderer-');

beforeAll(async () => {
  writeFileSync(join(rendererDir.path, 'index.html'), '<!doctype html><title>Deckhand</title>');
  mkdirSync(dataDir.path, { recursive: true });
  // Same file format as electron-store: dotted keys are nested.
  writeFileSync(join(dataDir.path, 'config.json'), JSON.stringify({ x: { clientId: 'no-keychain-client', callbackPort: 47_999 } }));
  host = await startWebHostCli(['--data-dir', dataDir.path], {
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/deckhand-test-bus',
    DISPLAY: '',
    DECKHAND_X_API_BASE: 'http://127.0.0.1:9',
    DECKHAND_RENDERER_DIR: rendererDir.path,
  });
  client = await openWebClient(host.match[1]!);
}, 40_000);

afterAll(async () => {
  client?.close();
  await host?.stop();
  dataDir.remove();
  rendererDir.remove();
});

describe('a workspace on a machine without a keychain', () => {
  it('opens, and says where tokens would go', async () => {
    const settings = await client.call('getXAppSettings', {});
    expect(settings).toMatchObject({ ok: true, value: { clientId: 'no-keychain-client', secretStorage: 'OS keychain', secretsPersistent: true, bearerTokenSet: false } });
  });

  it('refuses to connect a handle, saying how to enable a keychain', async () => {
    const answer = await client.call('startAccountConnect', {});
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('unavailable');
    expect(answer.error.message).toContain('only in the OS keychain');
    expect(answer.error.message).toContain('gnome-keyring');
    expect(answer.error.message).toContain('Nothing was saved');
  });

  it('refuses to store the app Bearer token, and writes it nowhere', async () => {
    const answer = await client.call('saveXAppSettings', { bearerToken: BEARER });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toContain('Secret Service');
    for (const file of filesUnder(dataDir.path)) expect(readFileSync(file).includes(BEARER), file).toBe(false);
    expect(client.frames.some((frame) => frame.includes(BEARER))).toBe(false);
  });
});

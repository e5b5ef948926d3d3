// The web host as a user's browser (or an attacker's page) meets it: real process, real sockets.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeMessage } from '../../src/shared/rpc';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

let sandbox: Started;
let host: Started;
let dataDir: ReturnType<typeof tempDir>;
let port: number;
let token: string;

beforeAll(async () => {
  dataDir = tempDir();
  sandbox = await startSandboxCli();
  host = await startWebHostCli(['--demo', '--data-dir', dataDir.path], { DECKHAND_X_API_BASE: sandbox.match[1]! });
  port = Number(host.match[2]);
  token = host.match[3]!;
}, 40_000);

afterAll(async () => {
  await host?.stop();
  await sandbox?.stop();
  dataDir?.remove();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

function ask(ws: WebSocket, message: unknown): Promise<BridgeMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as BridgeMessage;
      if ('id' in parsed) {
        ws.off('message', onMessage);
        resolve(parsed);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('the web host', () => {
  it('prints exactly one ready line on stdout', () => {
    expect(host.output().match(/Deckhand web host ready:/g)).toHaveLength(1);
  });

  it('serves the app with the token, with a strict CSP, and sets a same-site session cookie', async () => {
    const page = await get(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it('refuses pages without the token, with a wrong token, or for a foreign Host', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${token}`, { host: 'evil.example' })).status).toBe(421);
    expect((await get(`/../../etc/passwd?token=${token}`)).status).toBe(404);
  });

  it('refuses sockets without the token or from a foreign Origin', async () => {
    const origin = `http://127.0.0.1:${port}`;
    await expect(connect(`ws://127.0.0.1:${port}/rpc`, origin)).rejects.toThrow(/403/);
    await expect(connect(`ws://127.0.0.1:${port}/rpc?token=nope`, origin)).rejects.toThrow(/403/);
    await expect(connect(`ws://127.0.0.1:${port}/rpc?token=${token}`, 'https://evil.example')).rejects.toThrow(/403/);
  });

  it('answers the contract over the socket, and bad input with a clear error instead of a crash', async () => {
    const ws = await connect(`ws://127.0.0.1:${port}/rpc?token=${token}`, `http://127.0.0.1:${port}`);
    expect(await ask(ws, { id: 1, method: 'getWorkspace', input: {} })).toEqual({ id: 1, envelope: { ok: true, value: expect.objectContaining({ mode: 'demo' }) } });
    expect(await ask(ws, 'not json')).toMatchObject({ id: 0, envelope: { ok: false, error: { code: 'invalid_input' } } });
    expect(await ask(ws, { id: 2, method: 'createColumn', input: { kind: 'search', accountId: '1', query: '' } })).toMatchObject({
      id: 2,
      envelope: { ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Search query cannot be empty') } },
    });
    const accounts = await ask(ws, { id: 3, method: 'listAccounts', input: {} });
    expect(accounts).toMatchObject({ id: 3, envelope: { ok: true, value: expect.arrayContaining([expect.objectContaining({ username: 'AcmeAir' })]) } });
    ws.close();
  });
});

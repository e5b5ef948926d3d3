// The web host as a user's browser (or an attacker's page) meets it: real process, real sockets.
import { statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeMessage } from '../../src/shared/rpc';
import { startSandboxCli, startWebHostCli, type Started } from '../helpers/processes';
import { rawRequest } from '../helpers/raw-http';
import { tempDir } from '../helpers/temp';

let sandbox: Started;
let host: Started;
let dataDir: ReturnType<typeof tempDir>;
let port: number;
let token: string;

beforeAll(async () => {
  dataDir = tempDir();
  sandbox = await startSandboxCli();
  host = await startWebHostCli(['--demo', '--data-dir', join(dataDir.path, 'data')], { DECKHAND_X_API_BASE: sandbox.match[1]! });
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

function connect(url: string, origin: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, headers });
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

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

const socketUrl = () => `ws://127.0.0.1:${port}/rpc?token=${token}`;
const pageOrigin = () => `http://127.0.0.1:${port}`;

/** The host is still up and serving the contract to a new socket. */
async function stillServing(): Promise<void> {
  const ws = await connect(socketUrl(), pageOrigin());
  expect(await ask(ws, { id: 1, method: 'getWorkspace', input: {} })).toMatchObject({ id: 1, envelope: { ok: true } });
  ws.close();
}

describe('the web host under hostile input', () => {
  it('keeps its data directory private to this user (0700)', () => {
    expect(statSync(join(dataDir.path, 'data')).mode & 0o777).toBe(0o700);
  });

  it('answers `//` request lines (a page can send them with no-cors fetch) and keeps serving', async () => {
    const answer = await rawRequest(port, `GET // HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 (400|401|404)/);
    const upgrade = await rawRequest(
      port,
      `GET //rpc?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${pageOrigin()}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 403/);
    await stillServing();
  });

  it('lets the page load its assets with the session cookie, which does not open /rpc', async () => {
    const page = await get(`/?token=${token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const session = cookie.split('=').slice(1).join('=');
    expect(session).not.toBe(token);
    expect((await get('/', { cookie })).status).toBe(200);
    await expect(connect(`ws://127.0.0.1:${port}/rpc?token=${session}`, pageOrigin(), { cookie })).rejects.toThrow(/403/);
    await expect(connect(`ws://127.0.0.1:${port}/rpc`, pageOrigin(), { cookie })).rejects.toThrow(/403/);
  });

  it('closes a socket that sends a frame over the size limit, and keeps serving the others', async () => {
    const other = await connect(socketUrl(), pageOrigin());
    const ws = await connect(socketUrl(), pageOrigin());
    const ending = closed(ws);
    ws.send(JSON.stringify({ id: 1, method: 'getWorkspace', input: { padding: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await ending).toMatchObject({ code: 1009 });
    expect(await ask(other, { id: 7, method: 'getWorkspace', input: {} })).toMatchObject({ id: 7, envelope: { ok: true } });
    other.close();
    await stillServing();
  });

  it('closes a socket that sends invalid UTF-8 in a text frame, and keeps serving', async () => {
    const ws = await connect(socketUrl(), pageOrigin());
    const ending = closed(ws);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await ending).toMatchObject({ code: 1007 });
    await stillServing();
  });

  it('answers a method that is not a string, and binary frames, with clear errors on the same socket', async () => {
    const ws = await connect(socketUrl(), pageOrigin());
    expect(await ask(ws, { id: 2, method: { toString: 1 }, input: {} })).toMatchObject({
      id: 2,
      envelope: { ok: false, error: { code: 'unknown_method', message: 'Unknown command: object' } },
    });
    const binary = new Promise<BridgeMessage>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as BridgeMessage)));
    ws.send(Buffer.from(JSON.stringify({ id: 3, method: 'getWorkspace', input: {} })), { binary: true });
    expect(await binary).toMatchObject({ id: 0, envelope: { ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Binary frames are not accepted') } } });
    expect(await ask(ws, { id: 4, method: 'getWorkspace', input: {} })).toMatchObject({ id: 4, envelope: { ok: true } });
    ws.close();
  });
});

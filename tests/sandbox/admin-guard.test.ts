// The admin API drives the sandbox (the demo's, too) without a secret: a web page must not reach it.
// A page can send a no-cors POST only as text/plain, a form or multipart, and a DNS-rebound name
// reaches 127.0.0.1 under its own Host; loopback tools keep working as before.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { sandboxAdmin } from '../helpers/sandbox';

let sandbox: RunningSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

/** A request with exactly these headers (fetch will not send a foreign Host). */
function send(port: number, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const postBody = JSON.stringify({ author: 'mallory', text: 'posted by a web page' });

describe('the sandbox admin API', () => {
  it('refuses writes that are not application/json (a page\'s no-cors POST), and creates nothing', async () => {
    sandbox = await startSandbox();
    const host = `127.0.0.1:${sandbox.port}`;
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const answer = await send(sandbox.port, 'POST', '/_sandbox/posts', { host, 'content-type': type }, postBody);
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('application/json only') });
    }
    expect((await send(sandbox.port, 'POST', '/_sandbox/traffic', { host }, JSON.stringify({ rate: 50 }))).status).toBe(415);
    const admin = sandboxAdmin(sandbox.url);
    expect(await admin.postsBy('mallory')).toEqual([]);
    expect((await (await fetch(`${sandbox.url}/_sandbox/traffic`)).json()) as { running: boolean }).toMatchObject({ running: false });
  });

  it('refuses foreign Host names (DNS rebinding) and other ports, for reads and writes', async () => {
    sandbox = await startSandbox();
    for (const host of ['evil.example', `evil.example:${sandbox.port}`, `127.0.0.1:${sandbox.port + 1}`, '127.0.0.1']) {
      expect((await send(sandbox.port, 'GET', '/_sandbox/tokens', { host })).status).toBe(403);
      expect((await send(sandbox.port, 'POST', '/_sandbox/posts', { host, 'content-type': 'application/json' }, postBody)).status).toBe(403);
    }
    expect(await sandboxAdmin(sandbox.url).postsBy('mallory')).toEqual([]);
  });

  it('keeps serving loopback tools that send JSON, under 127.0.0.1 or localhost', async () => {
    sandbox = await startSandbox();
    const admin = sandboxAdmin(sandbox.url);
    expect(await admin.createPost({ author: 'sam', text: 'hello from a test' })).toEqual({ id: expect.any(String) });
    const viaLocalhost = await send(sandbox.port, 'POST', '/_sandbox/posts', { host: `localhost:${sandbox.port}`, 'content-type': 'application/json; charset=utf-8' }, postBody);
    expect(viaLocalhost.status).toBe(201);
    expect((await admin.postsBy('sam')).map((p) => p.text)).toEqual(['hello from a test']);
    // The X API itself is not the admin API: its own checks (tokens) apply, not these.
    expect((await send(sandbox.port, 'GET', '/2/users/me', { host: 'api.x.com' })).status).toBe(401);
  });
});

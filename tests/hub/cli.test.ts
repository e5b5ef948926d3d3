// `npm run hub` as a real process: loopback unless told, TLS or an explicit --insecure off
// loopback, and a kill -9 in the middle of a push that loses nothing and applies nothing twice.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubMessage, MutationResult } from '../../src/shared/hub-protocol';
import { repoRoot } from '../helpers/processes';
import { tempDir } from '../helpers/temp';
import { HUB_ENGINES } from './engines';
import { openHubStore } from '../../src/hub/db/open';
import { upsertHandle } from '../../src/hub/queries/log';
import { Desktop } from './hub-rig';

interface HubProcess {
  child: ChildProcess;
  url: string;
  setupCode: string | null;
  output(): string;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
});

/** One Node process (no tsx wrapper), so SIGKILL hits the hub itself. */
function spawnHub(args: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output(): string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function startHubProcess(args: string[], env?: NodeJS.ProcessEnv): Promise<HubProcess> {
  const started = spawnHub(args, env);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = started.output().match(/^Deckhand hub ready: (\S+)$/m);
    if (ready?.[1]) return { child: started.child, url: ready[1], setupCode: started.output().match(/^Setup code: (\S+)$/m)?.[1] ?? null, output: started.output };
    if (started.child.exitCode !== null || Date.now() > deadline) throw new Error(`hub not ready:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function claim(url: string, setupCode: string | null): Promise<{ memberId: string; credential: string }> {
  const response = await fetch(`${url}/claim`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ setupCode, teamName: 'Acme', displayName: 'Olivia Owner' }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { memberId: string; credential: string };
}

describe('hub CLI', () => {
  it('refuses a non-loopback address without TLS, and with --insecure serves it but warns', async () => {
    const dir = tempDir();
    try {
      const refused = spawnHub(['--db', join(dir.path, 'hub.sqlite'), '--host', '0.0.0.0', '--port', '0']);
      expect(await refused.exited).toBe(2);
      expect(refused.output()).toMatch(/Refusing to serve on 0\.0\.0\.0 without TLS/);

      const insecure = await startHubProcess(['--db', join(dir.path, 'hub.sqlite'), '--host', '0.0.0.0', '--port', '0', '--insecure']);
      expect(insecure.output()).toMatch(/^WARNING: serving on 0\.0\.0\.0 without TLS \(--insecure\)/m);
      expect(insecure.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      const health = await fetch(insecure.url.replace('0.0.0.0', '127.0.0.1') + '/health');
      expect(await health.json()).toEqual({ ok: true, claimed: false });
    } finally {
      dir.remove();
    }
  });

  it('serves https and wss with --tls-cert and --tls-key', async () => {
    const dir = tempDir();
    try {
      const cert = join(dir.path, 'cert.pem');
      const key = join(dir.path, 'key.pem');
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
      expect(made.status, made.stderr.toString()).toBe(0);
      const hub = await startHubProcess(['--db', join(dir.path, 'hub.sqlite'), '--host', '0.0.0.0', '--port', '0', '--tls-cert', cert, '--tls-key', key]);
      expect(hub.output()).not.toMatch(/WARNING/);
      expect(hub.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
      const url = hub.url.replace('0.0.0.0', '127.0.0.1');
      const ca = readFileSync(cert);
      const grant = await new Promise<{ memberId: string; credential: string }>((resolve, reject) => {
        const body = JSON.stringify({ setupCode: hub.setupCode, teamName: 'Acme', displayName: 'Tess TLS' });
        const call = request(`${url}/claim`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve(JSON.parse(text) as { memberId: string; credential: string }));
        });
        call.on('error', reject);
        call.end(body);
      });
      const desktop = await Desktop.connect(url, grant.credential, 'tls-desktop', { ca });
      expect(await desktop.read('getTeam')).toMatchObject({ ok: true, value: { name: 'Acme' } });
      desktop.close();
    } finally {
      dir.remove();
    }
  });
});

/** This process's environment with a D-Bus session that leads nowhere: no Secret Service, and no hub key. */
function withoutKeychain(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/deckhand-test-bus', DISPLAY: '', ...extra };
  if (!('DECKHAND_HUB_KEY' in extra)) delete env.DECKHAND_HUB_KEY;
  return env;
}

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';

describe('hub CLI and brand tokens', () => {
  it('without a keychain or a key, refuses to start and says how to give a key', async () => {
    const dir = tempDir();
    try {
      const refused = spawnHub(['--db', join(dir.path, 'hub.sqlite'), '--port', '0'], withoutKeychain());
      expect(await refused.exited).toBe(2);
      expect(refused.output()).toMatch(/No Secret Service \(OS keychain\) is reachable/);
      expect(refused.output()).toMatch(/--key-file FILE or DECKHAND_HUB_KEY \(make it with `openssl rand -base64 32`/);
      expect(refused.output()).toMatch(/will not store brand tokens in clear/);
      expect(refused.output()).not.toMatch(/ready/);
    } finally {
      dir.remove();
    }
  });

  it('with DECKHAND_HUB_KEY starts without a keychain, seals, and never logs the key; a wrong key or file is refused', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.path, 'hub.sqlite');
      const key = randomBytes(32).toString('base64');
      const hub = await startHubProcess(['--db', db, '--port', '0'], withoutKeychain({ DECKHAND_HUB_KEY: key }));
      expect(hub.output()).toContain('"vault":"sealed with the operator key"');
      expect(hub.output()).not.toContain(key);
      const health = await fetch(`${hub.url}/health`);
      expect(await health.json()).toEqual({ ok: true, claimed: false });
      hub.child.kill('SIGTERM');
      await new Promise((resolve) => hub.child.once('exit', resolve));

      const otherKey = randomBytes(32).toString('hex');
      const wrong = spawnHub(['--db', db, '--port', '0'], withoutKeychain({ DECKHAND_HUB_KEY: otherKey }));
      expect(await wrong.exited).toBe(2);
      expect(wrong.output()).toContain("The key given does not open this hub's sealed secrets (it was sealed with another key).");
      expect(wrong.output()).not.toContain(otherKey);
      expect(wrong.output()).not.toMatch(/ready/);

      const badFile = join(dir.path, 'bad.key');
      writeFileSync(badFile, 'not-a-key\n');
      const malformed = spawnHub(['--db', db, '--port', '0', '--key-file', badFile], withoutKeychain());
      expect(await malformed.exited).toBe(2);
      expect(malformed.output()).toMatch(/The hub key in the key file .*bad\.key is not a key/);
      expect(malformed.output()).not.toMatch(/ready/);
    } finally {
      dir.remove();
    }
  }, 30_000);

  it.skipIf(!keyring)('with a keychain and no key, keeps brand tokens in the OS keychain', async () => {
    const dir = tempDir();
    try {
      const env = { ...process.env };
      delete env.DECKHAND_HUB_KEY;
      const hub = await startHubProcess(['--db', join(dir.path, 'hub.sqlite'), '--port', '0'], env);
      expect(hub.output()).toContain('"vault":"OS keychain"');
      hub.child.kill('SIGTERM');
      await new Promise((resolve) => hub.child.once('exit', resolve));
    } finally {
      dir.remove();
    }
  });
});

describe.each(HUB_ENGINES)('hub process on $name', (engine) => {
  it('kill -9 mid-push: after a restart nothing acknowledged is lost and nothing is applied twice', async () => {
    const spec = await engine.freshSpec();
    const first = await startHubProcess(['--db', spec, '--port', '0']);
    const owner = await claim(first.url, first.setupCode);
    const desktop = await Desktop.connect(first.url, owner.credential, 'kill-desktop');
    // A connected handle, as the hub keeps it (connecting one through X is the e2e's concern).
    const side = await openHubStore(spec);
    await upsertHandle(side.db, { id: 'acmeair', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null }, owner.memberId, Date.now());
    await side.close();

    const TOTAL = 200;
    const mutations = Array.from({ length: TOTAL }, (_, index) => ({ id: 1000 + index, name: 'claimPost', args: { handleId: 'acmeair', postId: `${index + 1}` } }));
    const acknowledged: MutationResult[] = [];
    desktop.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as HubMessage;
      if (message.type === 'pushResult') acknowledged.push(...message.results);
    });
    for (let start = 0; start < TOTAL; start += 10) desktop.sendRaw(JSON.stringify({ type: 'push', clientId: desktop.clientId, mutations: mutations.slice(start, start + 10) }));
    while (acknowledged.length < 30) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const ackedBeforeKill = acknowledged.filter((result) => result.outcome === 'applied').map((result) => result.id);
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(30);
    expect(ackedBeforeKill.length).toBeLessThan(TOTAL); // it really died mid-push

    const second = await startHubProcess(['--db', spec, '--port', '0']);
    expect(second.setupCode).toBeNull();
    const again = await Desktop.connect(second.url, owner.credential, 'kill-desktop');
    const results: MutationResult[] = [];
    for (let start = 0; start < TOTAL; start += 50) results.push(...(await again.push(mutations.slice(start, start + 50))));
    expect(results.every((result) => result.outcome === 'applied')).toBe(true);
    const replayed = new Set(results.filter((result) => result.outcome === 'applied' && result.replayed).map((result) => result.id));
    for (const id of ackedBeforeKill) expect(replayed.has(id), `mutation ${id} acknowledged before the kill`).toBe(true);

    // Each post claimed exactly once: one log entry per mutation, every assignment at version 1.
    const log = await again.pull(0);
    if (log.type !== 'pullResult') throw new Error(JSON.stringify(log));
    const claims = log.entries.filter((entry) => entry.intent === 'claimPost');
    expect(claims).toHaveLength(TOTAL);
    expect(new Set(claims.map((entry) => entry.mutationId)).size).toBe(TOTAL);
    const team = await again.read('listMembers');
    expect(team).toMatchObject({ ok: true, value: [{ displayName: 'Olivia Owner' }] });
    again.close();
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }, 60_000);
});

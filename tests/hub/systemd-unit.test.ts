// deploy/deckhand-hub.service: systemd accepts it, and the hub starts with its command line exactly
// (paths moved into a temporary directory, a free port), so the example cannot drift from the CLI.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, startHubCli, type Started } from '../helpers/processes';
import { tempDir } from '../helpers/temp';

const unitFile = join(repoRoot, 'deploy', 'deckhand-hub.service');
const unit = readFileSync(unitFile, 'utf8');
const directive = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((match) => match[1]);
const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the hub systemd unit', () => {
  it('runs `npm run hub` as its own user, restarts on failure and is hardened', () => {
    expect(directive('ExecStart')).toEqual([expect.stringMatching(/^\/usr\/bin\/npm run hub -- /)]);
    expect(directive('User')).toEqual(['deckhand']);
    expect(directive('Restart')).toEqual(['on-failure']);
    const hardening: Record<string, string> = { NoNewPrivileges: 'true', ProtectSystem: 'strict', ProtectHome: 'true', PrivateTmp: 'true', ReadWritePaths: '/var/lib/deckhand-hub' };
    for (const [name, value] of Object.entries(hardening)) expect(directive(name), name).toEqual([value]);
  });

  it.skipIf(!systemdAnalyze)('passes systemd-analyze verify without a warning', () => {
    const verified = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
    expect(verified.status).toBe(0);
    expect(verified.stderr.trim()).toBe('');
  });

  it("starts the hub with the unit's own arguments", async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const credentials = join(dir.path, 'credentials');
    mkdirSync(credentials);
    writeFileSync(join(credentials, 'hub.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
    const tls = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(credentials, 'tls.key'), '-out', join(credentials, 'tls.crt'), '-days', '1', '-subj', '/CN=127.0.0.1']);
    expect(tls.status).toBe(0);

    const execStart = directive('ExecStart')[0] ?? '';
    const args = execStart
      .slice(execStart.indexOf(' -- ') + ' -- '.length)
      .split(' ')
      .map((arg) => arg.replace('%d', credentials).replace('/var/lib/deckhand-hub', join(dir.path, 'state')))
      .map((arg) => (arg === '8443' ? '0' : arg));
    const hub: Started & { url: string } = await startHubCli(args);
    cleanups.push(() => hub.stop());
    expect(hub.url).toMatch(/^https:\/\//);
    expect(hub.output()).toContain(join(dir.path, 'state', 'hub.sqlite'));
  });
});

// `npm run sandbox`: the ready line, its options, clear usage errors, and a clean stop.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/sandbox/cli';
import { repoRoot, startSandboxCli } from '../helpers/processes';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('the sandbox command line', () => {
  it('prints exactly the ready line, serves X on 127.0.0.1, and stops on SIGTERM', async () => {
    const started = await startSandboxCli(['--seed', '5', '--rate', '20', '--tier', 'pro']);
    try {
      expect(started.output()).toMatch(/^X API sandbox ready: http:\/\/127\.0\.0\.1:\d+\n$/);
      const base = started.match[1]!;
      const user = await (await fetch(`${base}/2/users/by/username/AcmeAir`, { headers: { authorization: `Bearer ${await appToken(base)}` } })).json();
      expect(user).toMatchObject({ data: { username: 'AcmeAir' } });
      const state = (await (await fetch(`${base}/_sandbox/state`)).json()) as { tier: string };
      expect(state.tier).toBe('pro');
    } finally {
      await started.stop();
    }
    expect(started.process.exitCode).toBe(0);
  });

  it('parses its options', () => {
    expect(parseArgs(['--port', '0', '--seed', '9', '--rate', '2.5', '--tier', 'basic', '--no-stream'])).toEqual({ port: 0, seed: 9, rate: 2.5, tier: 'basic', stream: false });
  });

  it.each([
    [['--port', 'x'], '--port needs a port number (0-65535), got "x"'],
    [['--rate', '-1'], '--rate needs a number of posts per second (0 or more), got "-1"'],
    [['--tier', 'gold'], '--tier needs one of pay-per-use, basic, pro, got "gold"'],
    [['--colour'], 'unknown option --colour'],
  ])('refuses %j with a clear message and usage', (args, message) => {
    const run = spawnSync(tsx, ['src/sandbox/cli.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run sandbox --');
  });
});

async function appToken(base: string): Promise<string> {
  const response = await fetch(`${base}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app: true }) });
  return ((await response.json()) as { access_token: string }).access_token;
}

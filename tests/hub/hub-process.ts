// Hub CLI processes for tests that kill them: `npm run hub` as one Node process (no tsx wrapper),
// so SIGKILL and SIGSTOP hit the hub itself; the Owner's claim; a member's desktop; the whole log.
import { spawn, type ChildProcess } from 'node:child_process';
import type { LogEntry } from '../../src/shared/hub-protocol';
import { repoRoot } from '../helpers/processes';
import { eventually } from '../helpers/sandbox';
import { Desktop } from './hub-rig';

export type { Desktop } from './hub-rig';

export type Cleanups = (() => Promise<unknown> | void)[];

export interface HubProcess {
  child: ChildProcess;
  url: string;
  setupCode: string | null;
  output(): string;
}

export async function spawnHub(spec: string, env: Record<string, string>, cleanups: Cleanups): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', '--db', spec, '--port', '0'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await eventually(() => output.match(/^Deckhand hub ready: (\S+)$/m)?.[1], 20_000, `a hub process to be ready; it printed:\n${output}`);
  return { child, url, setupCode: output.match(/^Setup code: (\S+)$/m)?.[1] ?? null, output: () => output };
}

/** SIGKILL, and the process is gone. */
export async function killHub(hub: HubProcess): Promise<void> {
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) return;
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.kill('SIGKILL');
  await exited;
}

export async function claim(hub: HubProcess): Promise<string> {
  const response = await fetch(`${hub.url}/claim`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ setupCode: hub.setupCode, teamName: 'Acme care', displayName: 'Olivia Owner' }) });
  const grant = (await response.json()) as { credential?: string };
  if (response.status !== 201 || !grant.credential) throw new Error(`claim failed: ${JSON.stringify(grant)}`);
  return grant.credential;
}

export async function connectDesktop(hub: HubProcess, credential: string, clientId: string, cleanups: Cleanups): Promise<Desktop> {
  const desktop = await Desktop.connect(hub.url, credential, clientId);
  cleanups.push(() => desktop.close());
  return desktop;
}

/** Every log entry the desktop may see, pulled from the start. */
export async function pullAll(desktop: Desktop): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = 0;
  for (;;) {
    const answer = await desktop.pull(cursor);
    if (answer.type !== 'pullResult') throw new Error(`expected log entries, got ${JSON.stringify(answer).slice(0, 300)}`);
    entries.push(...answer.entries);
    cursor = answer.cursor;
    if (!answer.more) return entries;
  }
}

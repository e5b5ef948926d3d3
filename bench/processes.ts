// The sandbox, the web host and the team hub as their own processes (their CPU is not the bench's), run from the
// bundles of bundle.ts by `node` itself, so the process measured is the one running the code.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleHosts, bundleTeamHosts } from './bundle';
import { repoRoot } from './paths';

export interface BenchProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The ready line's match. */
  readonly match: RegExpMatchArray;
  /** When the process was spawned (Date.now()). */
  readonly spawnedAt: number;
  /** When its ready line arrived (Date.now()). */
  readonly readyAt: number;
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  nodeFlags?: string[];
  timeoutMs?: number;
}

export async function startNode(script: string, args: readonly string[], ready: RegExp, options: StartOptions = {}): Promise<BenchProcess> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
  const readyAt = Date.now();
  return {
    child,
    pid: child.pid!,
    match,
    spawnedAt,
    readyAt,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export const startSandboxProcess = async (args: readonly string[] = []) =>
  startNode((await bundleHosts()).sandbox, ['--port', '0', ...args], /^X API sandbox ready: (http:\/\/127\.0\.0\.1:\d+)$/m);

/** The web host on `dataDir` in demo mode against the sandbox at `sandboxUrl`. */
export const startWebHostProcess = async (dataDir: string, sandboxUrl: string, nodeFlags: string[] = []) =>
  startNode((await bundleHosts()).webHost, ['--demo', '--demo-solo', '--port', '0', '--data-dir', dataDir], /^Deckhand web host ready: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m, {
    env: { DECKHAND_X_API_BASE: sandboxUrl, DECKHAND_RENDERER_DIR: join(repoRoot, 'out', 'renderer') },
    nodeFlags,
  });

/**
 * The team hub on the SQLite file `dbFile`, unclaimed: its setup code is in `output()`. It gets an
 * operator key of its own (DECKHAND_HUB_KEY, 32 random bytes) as an operator without a keychain would;
 * `env` adds its X settings (DECKHAND_X_*) when it ingests.
 */
export const startHubProcess = async (dbFile: string, env: Record<string, string> = {}) =>
  startNode((await bundleTeamHosts()).hub, ['--db', dbFile, '--port', '0'], /^Deckhand hub ready: (http:\/\/127\.0\.0\.1:\d+)$/m, {
    env: { DECKHAND_HUB_KEY: randomBytes(32).toString('base64'), ...env },
  });

/** The setup code an unclaimed hub printed. */
export function hubSetupCode(hub: BenchProcess): string {
  const code = /^Setup code: (\S+)$/m.exec(hub.output())?.[1];
  if (!code) throw new Error(`the hub printed no setup code:\n${hub.output()}`);
  return code;
}

/** The bare WebSocket relay (bench/broadcast-relay.ts): its ws:// URL is `match[1]`. */
export const startRelayProcess = async () => startNode((await bundleTeamHosts()).relay, [], /^Broadcast relay ready: (ws:\/\/127\.0\.0\.1:\d+)$/m);

export interface MemorySample {
  /** Resident set size now, MB. */
  rssMB: number;
  /** Peak resident set size since the process started, MB. */
  peakMB: number;
}

/** A process's RSS from /proc (Linux). */
export function memoryOf(pid: number): MemorySample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) a process has used so far (Linux; clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

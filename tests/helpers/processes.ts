// Starts the project's own CLIs (sandbox, web host) as real processes and waits for their line.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface Started {
  process: ChildProcess;
  match: RegExpMatchArray;
  output(): string;
  stop(): Promise<void>;
}

export async function startCli(script: string, args: string[], ready: RegExp, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<Started> {
  const child = spawn(tsx, [script, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready in ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = stdout.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${stdout}\n${stderr}`));
    });
  });
  return {
    process: child,
    match,
    output: () => stdout + stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export const startSandboxCli = (args: string[] = []) =>
  startCli('src/sandbox/cli.ts', ['--port', '0', ...args], /^X API sandbox ready: (http:\/\/127\.0\.0\.1:\d+)$/m);

export const startWebHostCli = (args: string[], env: Record<string, string> = {}) =>
  startCli('src/main/web/cli.ts', ['--port', '0', ...args], /^Deckhand web host ready: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m, env);

/** `npm run hub` on a free loopback port; match[1] is its URL, `setupCode` the one-time code while unclaimed. */
export async function startHubCli(args: string[], env: Record<string, string> = {}): Promise<Started & { url: string; setupCode: string | null }> {
  const started = await startCli('src/hub/cli.ts', ['--port', '0', ...args], /^Deckhand hub ready: (https?:\/\/\S+)$/m, env);
  // The setup code is printed before the ready line, so it is in the output by now.
  const setupCode = started.output().match(/^Setup code: (\S+)$/m)?.[1] ?? null;
  return { ...started, url: started.match[1]!, setupCode };
}

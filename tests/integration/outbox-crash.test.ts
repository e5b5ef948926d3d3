// The outbox of a desktop working alone never answers a customer twice: X takes a reply, but its
// answer comes late (the sandbox's late_answer fault) and the core's process is killed with
// SIGKILL before it records it. Opened again on the same data directory, the core finds the
// reply at X instead of sending it again: exactly one reply at X, and the outbox says Sent with
// X's id.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { repoRoot } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

const children: ChildProcess[] = [];
let sandbox: RunningSandbox | null = null;
let core: Core | null = null;
const dataDir = tempDir();

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await core?.close();
  await sandbox?.close();
  dataDir.remove();
});

/** One node process (no tsx wrapper in between), so SIGKILL hits the core itself. */
function startCoreProcess(url: string, reply: { to: string; text: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/core-child.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SANDBOX_URL: url, DATA_DIR: dataDir.path, SEND_REPLY: JSON.stringify(reply) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core child not ready:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/core child ready/.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`core child exited with ${code}:\n${output}`)));
  });
}

describe('the solo outbox after a crash', () => {
  it('kill -9 after X took a reply and before the core recorded it: after a restart, exactly one reply at X', async () => {
    sandbox = await startSandbox();
    const admin = sandboxAdmin(sandbox.url);
    const customer = await admin.createPost({ author: 'crash_cody', text: '@AcmeAir my bag never arrived, ref BG4411' });
    const text = '@crash_cody Sorry, Cody: we found bag BG4411 and it is on its way to you.';

    // X takes the reply, but answers 30 s late; the core dies meanwhile.
    await admin.fault({ kind: 'late_answer', path: '/2/tweets', seconds: 30 });
    const child = await startCoreProcess(sandbox.url, { to: customer.id, text });
    const atX = await eventually(async () => (await admin.postsBy('AcmeAir')).find((post) => post.text === text), 15_000, 'X to take the reply');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    await admin.clearFaults();

    core = createCore({ dataDir: dataDir.path, secrets: new MemorySecretStore(), preferences: new MemoryPreferenceStore(), logger: silentLogger, xApiBase: sandbox.url, demo: { sandboxUrl: sandbox.url } });
    await core.start();
    const accounts = await core.dispatch('listAccounts', {}, SOLO_AGENT);
    const acme = (accounts.ok ? (accounts.value as { id: string; username: string }[]) : []).find((account) => account.username === 'AcmeAir')!;
    // The Scheduled column lists posts, not replies: the outbox's row says how the reply went.
    const row = core.db.prepare("SELECT account_id, status, x_id, target FROM outbox WHERE kind = 'reply'").get();
    expect(row).toEqual({ account_id: acme.id, status: 'sent', x_id: atX.id, target: customer.id });
    const replies = (await admin.postsBy('AcmeAir')).filter((post) => post.in_reply_to_post_id === customer.id);
    expect(replies.map((post) => post.text)).toEqual([text]);
  });
});

// Crash safety: a core in its own process ingests heavy traffic from the sandbox and is killed
// with SIGKILL mid-ingest. The database passes integrity checks, keeps everything it had
// committed, and after a restart the column is complete with nothing doubled.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { mentions } from '../helpers/columns-rig';
import { repoRoot } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';

const children: ChildProcess[] = [];
let sandbox: RunningSandbox | null = null;
const dataDir = tempDir();

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandbox?.close();
  dataDir.remove();
});

/** One node process (no tsx wrapper in between), so SIGKILL hits the core itself. */
function startCoreProcess(url: string): Promise<{ child: ChildProcess; columnId: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/core-child.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SANDBOX_URL: url, DATA_DIR: dataDir.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core child not ready:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/core child ready (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, columnId: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`core child exited with ${code}:\n${output}`)));
  });
}

function readStore<T>(read: (db: Sqlite.Database) => T): T {
  const db = new Sqlite(join(dataDir.path, 'demo.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const heldIds = (db: Sqlite.Database, columnId: string) =>
  (db.prepare('SELECT CAST(post_id AS TEXT) AS id FROM column_items WHERE column_id = ?').all(columnId) as { id: string }[]).map((r) => r.id);

describe('kill -9 during heavy ingest', () => {
  it('loses nothing committed, doubles nothing, and passes integrity checks; a restart completes the column', async () => {
    sandbox = await startSandbox({ keepAliveMs: 500 });
    const admin = sandboxAdmin(sandbox.url);
    const first = await startCoreProcess(sandbox.url);
    await admin.traffic({ rate: 2_000, seed: 21 });
    // Let a good amount arrive, then kill while posts are still pouring in.
    const committedBeforeKill = await eventually(() => {
      const held = readStore((db) => heldIds(db, first.columnId));
      return held.length > 1_500 ? held : undefined;
    }, 20_000, 'heavy ingest');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(first.child.signalCode).toBe('SIGKILL');

    const afterKill = readStore((db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      held: heldIds(db, first.columnId),
      posts: (db.prepare('SELECT COUNT(*) AS n FROM posts').get() as { n: number }).n,
      indexed: (db.prepare('SELECT COUNT(*) AS n FROM posts_fts').get() as { n: number }).n,
    }));
    expect(afterKill.integrity).toBe('ok');
    expect(afterKill.held).toEqual(expect.arrayContaining(committedBeforeKill));
    expect(afterKill.indexed).toBe(afterKill.posts); // the archive index never misses a committed post

    // Posts keep coming while the app is down; then the traffic stops and the app restarts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await admin.traffic({ rate: 0 });
    const second = await startCoreProcess(sandbox.url);
    expect(second.columnId).toBe(first.columnId);
    const response = await fetch(new URL('/_sandbox/posts?limit=10000', sandbox.url));
    const { posts } = (await response.json()) as { posts: { id: string; text: string }[] };
    const matches = mentions('AcmeAir');
    const expected = new Set(posts.filter((p) => matches(p.text)).map((p) => p.id));
    expect(posts.length).toBeLessThan(10_000); // the listing is the whole history
    const held = await eventually(() => {
      const ids = readStore((db) => heldIds(db, first.columnId));
      return ids.length >= expected.size ? ids : undefined;
    }, 30_000, `all ${expected.size} matching posts after the restart`);
    expect(new Set(held)).toEqual(expected);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    const final = readStore((db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      duplicates: db.prepare('SELECT COUNT(*) - COUNT(DISTINCT post_id) AS n FROM column_items WHERE column_id = ?').get(first.columnId),
    }));
    expect(final).toEqual({ integrity: 'ok', duplicates: { n: 0 } });
  }, 90_000);
});

// A throwaway PostgreSQL cluster for tests: Debian's binaries, a temporary data directory, a free
// port, trust auth on 127.0.0.1 only, and no fsync (a test cluster need not survive power loss).
// initdb refuses to run as root, so as root it runs as the `postgres` user on a directory it owns.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  /** A fresh, empty database on the cluster; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL bin directory, or null with the reason it is missing. */
export function findPostgresBin(): { bin: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  if (!newest) return { missing: `no PostgreSQL binaries under ${root}/*/bin (install Debian's "postgresql" package)` };
  if (process.getuid?.() === 0) {
    const probe = spawnSync('id', ['-u', 'postgres']);
    if (probe.status !== 0) return { missing: 'running as root but there is no "postgres" user to run initdb as' };
  }
  return { bin: join(root, newest, 'bin') };
}

/**
 * Whether the PostgreSQL half of a suite runs. Missing binaries skip it with a printed reason,
 * except under CI=true, where they are an error (CI installs them).
 */
export function postgresAvailability(): { available: true; bin: string } | { available: false; reason: string } {
  const found = findPostgresBin();
  if ('bin' in found) return { available: true, bin: found.bin };
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI: ${found.missing}`);
  console.warn(`Skipping the PostgreSQL half of the hub tests: ${found.missing}`);
  return { available: false, reason: found.missing };
}

export async function startPostgres(bin: string): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'deckhand-pg-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const user = asRoot ? 'postgres' : userInfo().username;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, fullArgs, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', user, '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://${user}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    adminUrl,
    async createDatabase() {
      const name = `hub_test_${++databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://${user}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

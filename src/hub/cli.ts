// npm run hub -- [--db FILE | --db postgres://…] [--port N] [--host ADDR] [--tls-cert F --tls-key F] [--insecure] [--key-file FILE]
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { Logger } from '../main/core/ports';
import { createHubCluster } from './cluster';
import { defaultHubDbPath, openHubStore } from './db/open';
import { ingestOptionsFrom } from './ingest/ingest-options';
import { startHub } from './server';
import { openHubVault, type HubVault } from './vault';

const USAGE = 'Usage: npm run hub -- [--db FILE | --db postgres://…] [--port N] [--host ADDR] [--tls-cert FILE --tls-key FILE] [--insecure] [--key-file FILE] [--data-dir DIR] [--retention-days N]';

/** JSON lines on stderr: stdout carries only the lines people and scripts read. Never secrets. */
const stderrLogger: Logger = {
  info: (message, fields) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', message, ...fields })}\n`),
  warn: (message, fields) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', message, ...fields })}\n`),
};

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        insecure: { type: 'boolean', default: false },
        'key-file': { type: 'string' },
        'data-dir': { type: 'string' },
        'retention-days': { type: 'string', default: '7' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not "${values.port}".`);
  const host = values.host;
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) fail('--tls-cert and --tls-key go together.');
  const tls = certFile && keyFile ? readTls(certFile, keyFile) : undefined;
  if (!tls && !isLoopback(host)) {
    if (!values.insecure) {
      fail(`Refusing to serve on ${host} without TLS: member credentials would cross the network in clear. Give --tls-cert and --tls-key, or --insecure on a network you trust.`);
    }
    process.stderr.write(`WARNING: serving on ${host} without TLS (--insecure): member credentials and team data cross the network in clear.\n`);
  }

  const store = await openHubStore(values.db ?? defaultHubDbPath());
  let vault: HubVault;
  try {
    vault = await openHubVault({ db: store.db, keyFile: values['key-file'], keyFromEnv: process.env.DECKHAND_HUB_KEY });
  } catch (error) {
    await store.close();
    fail(error instanceof Error ? error.message : String(error));
  }
  stderrLogger.info('hub vault', { vault: vault.description });
  // On PostgreSQL other hub processes may share the store: they elect one ingest leader and poke each other.
  const cluster = createHubCluster(values.db ?? defaultHubDbPath(), store.db, stderrLogger);
  cluster.lease.onChange((leader) => stderrLogger.info(leader ? 'ingest leader: this process' : 'ingest leader: lost; standing by', { pid: process.pid }));
  const retentionDays = Number(values['retention-days']);
  if (!Number.isFinite(retentionDays) || retentionDays <= 0 || retentionDays > 3650) fail(`--retention-days must be a number of days (1–3650), not "${values['retention-days']}".`);
  const ingest = { ...ingestOptionsFrom(values.db ?? defaultHubDbPath(), values['data-dir']), retentionMs: retentionDays * 86_400_000 };
  const hub = await startHub({ db: store.db, host, port, tls, logger: stderrLogger, vault, cluster, ingest });
  if (!hub.leader.isLeader) stderrLogger.info('ingest leader: another process; standing by', { pid: process.pid });
  stderrLogger.info('hub started', { store: store.engine, location: store.location });
  if (hub.setupCode) process.stdout.write(`Setup code: ${hub.setupCode}\n`);
  process.stdout.write(`Deckhand hub ready: ${hub.url}\n`);

  const stop = () => {
    void hub
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function readTls(certFile: string, keyFile: string): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  } catch (error) {
    fail(`Cannot read the TLS certificate or key: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Deckhand hub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
